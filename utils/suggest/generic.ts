import type { Lang } from './words';

/**
 * Words that are not stopwords but never make a useful tag: what any article talks about
 * (article, question, example, page), time and quantity (semaine, jour, year, minute), vague
 * nouns (chose, façon, thing, way), everyday verbs and bland adjectives (read, faire, small,
 * bon). A multi-word term may contain them ("reading time", « temps de lecture »), not only them.
 * Lowercase, NFC, the table's apostrophe; both a word and its plural key are looked up.
 */
const GENERIC_FRENCH = words(`
article articles texte textes question questions réponse réponses sujet sujets exemple exemples
chose choses fois façon façons manière manières moyen sorte genre type cas fait faits point points
partie parties part côté fin début suite reste moitié nombre nombreux nombreuses ensemble total
semaine semaines jour jours journée journées mois année années an ans heure heures minute minutes
seconde secondes moment moments temps période matin soir soirée nuit demain hier lendemain veille
week-end siècle date dates personne personnes gens monde homme hommes femme femmes vie vies idée
idées problème problèmes raison raisons résultat résultats niveau niveaux page pages mot mots ligne
lignes liste listes étape étapes conseil conseils astuce astuces version versions besoin besoins
sens terme termes chapitre section paragraphe billet billets vue vues truc trucs mise lieu place
rôle effet effets forme formes objet objets élément éléments aspect aspects situation façon
bout coup début plan pas tour travail choix cours compte fond haut bas milieu question titre
bon bonne bons bonnes mauvais mauvaise grand grande grands grandes petit petite petits petites
nouveau nouvelle nouveaux nouvelles vieux vieille ancien ancienne vrai vraie faux fausse simple
simples facile faciles difficile difficiles différent différente différents différentes propre
seul seuls seules plein pleine prochain prochaine important importante importants importantes
possible possibles principal principale principaux général générale particulier particulière
long longue longs longues court courte courts courtes meilleur meilleure meilleurs pire énième
entier entière réel réelle véritable certains certaine précis précise utile utiles même
forcément concrètement heureusement régulièrement facilement honnêtement lentement rapidement
simplement exactement directement vite assez tôt tard plutôt davantage vraiment forcément
faire dire aller voir savoir pouvoir vouloir venir prendre mettre donner trouver passer rester
sembler devenir tenir parler montrer permettre laisser croire penser porter arriver commencer
finir utiliser lire écrire chercher appeler demander attendre répondre entendre comprendre
expliquer proposer garder suivre vivre partir sortir entrer tourner changer aider essayer
vaut valoir semble permet permettent prend prennent met mettent donne donnent trouve trouvent
passe passent devient deviennent tient tiennent voit voient veut veulent viennent mis pris donné
trouvé fini lu écrit vient reste restent marche marcher revient reviennent revenir
`);

const GENERIC_ENGLISH = words(`
article articles post posts text texts question questions answer answers topic topics example
examples instance thing stuff way ways kind kinds sort sorts type types part parts place places
point points fact facts case cases end start beginning side rest half couple number numbers amount
total lot bit bits piece pieces time times day days daily week weeks weekly weekend month months
year years yearly hour hours minute minutes second seconds moment moments today tomorrow yesterday
morning mornings evening night nights afternoon date people person someone everyone anybody
nobody man men woman women life lives world idea ideas problem problems issue issues reason
reasons result results level levels page pages word words line lines list lists step steps tip
tips version versions option options need sense term terms chapter section paragraph rule rules
area areas matter change changes help use uses work job hand hands head eye eyes home group
show story stories form detail details aspect situation look while top bottom middle title
good better best bad worse worst great big bigger small smaller little large larger long longer
short shorter high low real true simple easy hard different whole full certain important possible
able likely sure clear main major next early late ordinary single entire quick fast slow right
wrong old young huge tiny actual available common current recent usual various useful
read reads reader's write writes wrote written make making take taking took get getting go went
gone come came see saw seen think thought find found give gave tell told try tried call called ask
asked seem feel felt leave left mean meant keep kept begin began start started show shown hear
heard run move live believe bring happen add added turn turned set look looked looking work
worked become stop stopped choose chose pick picked finish finished miss missed notice noticed
stay stayed put puts want tend tends helps appear appears matter matters feels turns works
`);

function words(list: string): ReadonlySet<string> {
  return new Set(list.split(/\s+/u).filter(Boolean));
}

/** Like stopwords: French drops both lists (it quotes English), English only its own. */
export function genericFor(primary: Lang): (word: string) => boolean {
  if (primary === 'en') return (w) => GENERIC_ENGLISH.has(w);
  return (w) => GENERIC_FRENCH.has(w) || GENERIC_ENGLISH.has(w);
}
