import { render } from 'preact';
import { PassPage } from './PassPage';
import './pass.css';

render(<PassPage />, document.getElementById('app')!);
