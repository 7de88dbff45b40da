/** Citations by citeproc-js in CSL styles, and the CSL-JSON items they format (issue #16). */
export { cslItemOf, namesOf, dateOf, type ItemNote, type ItemArticle } from './item';
