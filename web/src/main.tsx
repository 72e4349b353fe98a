import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { setUpI18n } from './app/i18n';
import { queryClient } from './app/query-client';
import './app/styles.css';

// The first visit's reads happened before the service worker took over: read again through it,
// so that the last data is in its cache for a visit without a connection.
navigator.serviceWorker?.addEventListener('controllerchange', () => void queryClient.invalidateQueries());

void setUpI18n().then(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
