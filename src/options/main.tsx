import { render } from 'preact';
import { App } from './App';
import './theme.css';
import './options.css';

render(<App />, document.getElementById('app') as HTMLElement);
