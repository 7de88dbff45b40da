/** The database name used by the extension; tests pass their own. (Its own module: the side
 * panel's early preview script needs it without loading Dexie.) */
export const DB_NAME = 'verbatim';
