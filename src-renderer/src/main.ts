// Renderer entry: installs the API client (Electron preload or WebSocket), boots the stores, mounts the app.
import { createPinia } from 'pinia';
import { createApp, h, reactive } from 'vue';
import App from './App.vue';
import { installDefaultClient } from './api';
import { boot } from './stores/boot';
import { errorText } from './stores/connection';
import './styles.css';

const status = reactive({ bootError: null as string | null, ready: false });
// A render function reads the reactive status, so the shell re-renders when booting ends.
const app = createApp({ render: () => h(App, { bootError: status.bootError, ready: status.ready }) });
app.use(createPinia());
app.mount('#app');

boot(installDefaultClient())
  .then(() => {
    status.ready = true;
    document.body.dataset.ready = 'true';
  })
  .catch((err: unknown) => {
    status.bootError = errorText(err);
  });
