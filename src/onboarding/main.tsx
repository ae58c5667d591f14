import { render } from 'preact';

render(<main>ChatGptt onboarding</main>, document.getElementById('app') as HTMLElement);
