import log from 'electron-log/main';
import { autoUpdater } from 'electron-updater';
import { seedDemoData } from '../../tools/seed/seedDemo';
import { launch } from './launch';

/** The Electron entry (bundled to dist/main/main.cjs by scripts/build-main.mjs). */
process.setSourceMapsEnabled(true);
// Uncaught errors go to the (redacted) log file, not to a dialog in front of the operator.
log.errorHandler.startCatching({ showDialog: false });
autoUpdater.logger = log;
launch({ logger: log, autoUpdater, seedDemo: seedDemoData }).catch((err: unknown) => {
  log.error('TripDesk could not start', err);
  process.exit(1);
});
