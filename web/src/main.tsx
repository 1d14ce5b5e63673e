import { render } from 'preact';
import { App } from './components/App.tsx';
import { Mailbox } from './mailbox.ts';
import './styles.css';

const mailbox = new Mailbox(50);
mailbox.start();
render(<App mailbox={mailbox} />, document.getElementById('app')!);
