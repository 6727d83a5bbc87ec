import './zodWithoutEval';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { useTheme } from './ui/theme';
import { captureTransportToken } from './client/contractClient';
import './styles/app.css';

// Before anything renders: take the token out of the address bar, and paint the right theme.
captureTransportToken();
useTheme.getState();
if (!location.hash.startsWith('#/')) history.replaceState(null, '', `${location.pathname}${location.search}#/search`);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
