import { render } from 'preact';

render(<main>ChatGptt sidebar</main>, document.getElementById('app') as HTMLElement);
