import { render } from 'preact';

render(<main>ChatGptt options</main>, document.getElementById('app') as HTMLElement);
