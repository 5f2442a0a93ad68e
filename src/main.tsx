import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initFromPageLink } from './state/link/actions';
import { initQueue } from './state/queue/actions';
import { installUnloadGuard } from './state/unloadGuard';
import { App } from './ui/App';
import './ui/styles.css';
import './ui/layout.css';

// Once, before the first render: the URL is the experiment (and starts the worker for the preview).
// Outside React so StrictMode's double effects cannot run it twice.
initFromPageLink(window.location.href);
// After the URL: a queue kept over a reload goes on where it stopped.
initQueue();
installUnloadGuard(window);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
