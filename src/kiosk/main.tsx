import { render } from 'preact';
import { App } from './App';
import './kiosk.css';

render(<App />, document.getElementById('app')!);
