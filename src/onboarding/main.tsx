import { render } from 'preact';
import { Onboarding } from './Onboarding';
import '../options/theme.css';
import './onboarding.css';

render(<Onboarding />, document.getElementById('app') as HTMLElement);
