/**
 * IPC channel names between main and the preload. No imports: the preload bundle must stay
 * free of anything but `electron`.
 */
export const IPC = {
  invoke: 'tripdesk:invoke',
  event: 'tripdesk:event',
  settingsGet: 'tripdesk:settings:get',
  settingsSet: 'tripdesk:settings:set',
  settingsTest: 'tripdesk:settings:testConnection',
  settingsRestart: 'tripdesk:settings:restart',
  updateStatus: 'tripdesk:update:status',
  updateCheck: 'tripdesk:update:check',
  updateInstall: 'tripdesk:update:install',
  documentSave: 'tripdesk:document:save',
} as const;

/** What the renderer sees in `auth.login`'s `sessionToken`: the real token never leaves main. */
export const SESSION_HELD_BY_MAIN = 'held-by-main';
