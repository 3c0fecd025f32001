import { dialog, session, shell, type WebContents } from 'electron';
import { linkDecision } from './links';
import { APP_ORIGIN } from './protocol';

/**
 * No permission (camera, notifications, geolocation…) is ever granted to page content, and an
 * offline app makes no network call of its own: the spellchecker's dictionaries (Hunspell on
 * Windows and Linux) would be downloaded from a CDN, so it runs only where the system's own
 * spellchecker is used (macOS).
 */
export function hardenSession(platform: NodeJS.Platform = process.platform): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  if (platform !== 'darwin') session.defaultSession.setSpellCheckerEnabled(false);
}

/** Pages cannot navigate away, open windows or embed webviews. Links to the web open outside. */
export function hardenWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (!url.startsWith(APP_ORIGIN)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!url.startsWith(APP_ORIGIN)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Trusted sites open in the browser; any other https link only once the reviewer says so. */
function openOutside(url: string): void {
  const decision = linkDecision(url);
  if (decision === 'refuse') return;
  if (decision === 'ask') {
    const choice = dialog.showMessageBoxSync({
      type: 'question',
      buttons: ['Open in browser', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
      message: 'Open this link in your web browser?',
      detail: `${url}\n\nIt is not a CQC, NHS or government site.`,
    });
    if (choice !== 0) return;
  }
  void shell.openExternal(url);
}
