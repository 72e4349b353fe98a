import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { setUpI18n } from './app/i18n';
import { roleAreas } from './app/routes';
import { registerServiceWorkerWhenIdle } from './app/service-worker';
import { readMeEarly } from './app/session';
import './app/styles.css';

// Who is signed in is asked at once, beside the language's catalogue, and as soon as it is known
// the code and the data of the page the user lands on: on a slow line each of these is a round
// trip that would otherwise wait for the one before.
void readMeEarly().then((me) => {
  if (me) roleAreas[me.user.role]?.warm?.(me, window.location.pathname);
});

registerServiceWorkerWhenIdle();

void setUpI18n().then(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
