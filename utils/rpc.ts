/**
 * Moved to utils/messaging/. This re-export stays only until the files being moved into hooks/
 * (popup, useUndoableDelete) import from there: then it goes.
 */
export { callTab } from './messaging/rpc';
export { refreshTabsShowing } from './messaging/tabs';
