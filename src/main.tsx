import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { registerServiceWorker } from './pwa/register.ts';
import './app/app.css';

const root = document.getElementById('root');
if (root) createRoot(root).render(<StrictMode><App /></StrictMode>);
// Only the production build has a dist/sw.js; in development a worker would serve stale modules.
if (import.meta.env.PROD) registerServiceWorker(import.meta.env.BASE_URL);
