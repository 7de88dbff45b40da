import { FRENCH_ELISIONS } from './elisions';

/**
 * Words too common to say what a text is about, in French and English: articles, pronouns,
 * prepositions, conjunctions, auxiliaries (every form of être/avoir, be/have/do), the commonest
 * modal and light verbs, adverbs and number words, and the French elisions (`l’`, `qu’`…, from
 * `./elisions`) once split off. Lowercase, NFC, the table's apostrophe: callers look words up in
 * their `canonicalize`d form (`aujourd'hui`, `don't`).
 */

const FRENCH = `
a à afin ai aie aient aies ailleurs ainsi ait aller alors après as assez au au-delà aucun aucune
aujourd'hui auquel aura aurai auraient aurais aurait aurez auriez aurions aurons auront aussi autant
autour autre autres aux auxquelles auxquels avaient avais avait avant avec avez aviez avions avoir
avons ayant ayez ayons beaucoup bien ça car ce ceci cela celle celle-ci celle-là celles celui
celui-ci celui-là cent cependant certain certaine certaines certains ces cet cette ceux ceux-ci
ceux-là chacun chacune chaque chez chose choses ci cinq cinquante combien comme comment contre dans
de dedans dehors déjà depuis dernier dernière des dès désormais desquelles desquels deux deuxième
devait devrait dire dit dix doit doivent donc dont douze du duquel durant également elle elles en
encore enfin ensuite entre environ es est est-à-dire est-ce et étaient étais était étant été êtes
étiez étions être eu eue eues eurent eus eut eux faire fais fait faites faut fois font fut hors huit
ici il ils jamais je jusque la là laquelle le lequel les lesquelles lesquels leur leurs lors lorsque
lui ma mais malgré me même mêmes mes mien mienne mieux mille milliard million moi moins mon ne
néanmoins neuf ni non nos notamment notre nôtre nous on ont onze ou où oui par parce parfois parmi
pas pendant peu peut peut-être peuvent peux plupart plus plusieurs pour pourquoi pourraient pourrait
pourtant pouvait premier première près presque puis puisque quand quant quarante quatre que quel
quelle quelles quelqu'un quelqu'une quelque quelques quels qui quinze quoi quoique rien sa sais sait
sans se seize selon sept sera serai seraient serais serait serez seriez serions serons seront ses
seul seule seulement si sien sienne sinon six soi soient sois soit soixante sommes son sont sous
souvent suis sur surtout ta tandis tant te tel telle telles tels tes toi ton toujours tous tout
toute toutefois toutes trente très trois trop tu un une unes uns va vais vers veut via vient vingt
vis-à-vis voici voilà voire vont vos votre vôtre vous vraiment vu y
`;

const ENGLISH = `
a about above across actually after again against ago all almost along already also although
always am among an and another any anyone anything anyway are aren't around as at back be became
because become been before being below between billion both but by came can can't cannot come
comes could couldn't did didn't do does doesn't doing don't done down during each eight either
else enough etc even ever every few first five for four from further get gets getting given go
goes going got had hadn't has hasn't have haven't having he he'd he'll he's hence her here here's
hers herself him himself his how how's however hundred i i'd i'll i'm i've if in into is isn't it
it's its itself just know last least less let let's like lot lots made make makes many may maybe
me might million more most much must mustn't my myself need needs never new nine no nor not now of
off often on once one only onto or other others otherwise ought our ours ourselves out over own
per perhaps put quite rather really said same say says second see seem seemed seems seven several
shall shan't she she'd she'll she's should shouldn't since six so some something sometimes still
such take takes ten than that that's the their theirs them themselves then there there's therefore
these they they'd they'll they're they've thing things third this those though thousand three
through thus to too took toward towards two under until up upon us use used using very via want
wants was wasn't way we we'd we'll we're we've well were weren't what what's when when's where
where's whereas whether which while who who's whom whose why why's will with within without won't
would wouldn't yes yet you you'd you'll you're you've your yours yourself yourselves zero
`;

const words = (list: string): ReadonlySet<string> => new Set(list.split(/\s+/u).filter(Boolean));

export const FRENCH_STOPWORDS: ReadonlySet<string> = new Set([...words(FRENCH), ...FRENCH_ELISIONS]);
export const ENGLISH_STOPWORDS: ReadonlySet<string> = words(ENGLISH);
