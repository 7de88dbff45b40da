/**
 * The library writes of the extension pages that no tab draws: a clip (its saved copy), an
 * article's own tags, a tag renamed everywhere, colour names and settings; and another address of
 * an article linked to it (the popup then asks its tab to redraw). A page draws its notes'
 * passages, colours and kinds only, so none of these has a tab redraw (note writes, which do, are
 * in ./notes.ts). The repository's own functions, named here so the pages find every write in one
 * place and never reach for the database.
 */
export { saveClip, changeArticleTags, setColorName, setSetting } from '../db/repo';
export { linkAddress } from '../db/aliases';
