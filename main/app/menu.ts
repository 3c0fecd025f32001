import type { MenuItemConstructorOptions } from 'electron';

/**
 * The application menu. A packaged app has no Reload and no Developer Tools: a reload is only
 * a way round the app lock's screen, and the developer tools open the page's memory. Development
 * builds keep both.
 */
export function menuTemplate(platform: NodeJS.Platform, developmentBuild: boolean): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }];
  if (developmentBuild) view.unshift({ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' });
  return [{ role: platform === 'darwin' ? 'appMenu' : 'fileMenu' }, { role: 'editMenu' }, { label: 'View', submenu: view }, { role: 'windowMenu' }];
}
