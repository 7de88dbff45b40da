/**
 * Passages quoted in French and English pages, with who said them (or null when the text does not
 * say, and a proposal would be a guess), for the speaker detector's tests (tests/quotes/) and its
 * benchmark (bench/speaker.ts). The passage the user selects is between ⟦ and ⟧. Written for
 * issue #16, in the shapes blogs and news sites use, with the hard ones it lists: the name several
 * sentences before, a pronoun, a title instead of a name, two quotes with two speakers in one
 * paragraph, quotation marks for irony.
 */
import { speakerContext } from '../../utils/quotes/speaker-context';
import type { SpeakerContext } from '../../utils/quotes/speaker';

export interface SpeakerCase {
  lang: 'fr' | 'en';
  /** The article's HTML, the selected passage between ⟦ and ⟧. */
  html: string;
  /** Who said it, or null when nobody should be proposed. */
  speaker: string | null;
  /** The page's author (its byline). */
  author?: string;
  /** What makes it hard, when it is. */
  hard?: string;
  /**
   * Written after the detector's rules, and not tuned to: the benchmark reports them apart, as the
   * nearest thing to pages it has never seen.
   */
  unseen?: true;
}

const NNBSP = '\u202F';
const NBSP = '\u00A0';
/** French quotation marks as French pages print them. */
const fq = (s: string) => `«${NNBSP}${s}${NNBSP}»`;
const colon = `${NBSP}:`;

export const SPEAKER_CASES: SpeakerCase[] = [
  // ---- French: before the quotation -----------------------------------------------------------
  { lang: 'fr', speaker: 'Albert Camus', html: `<p>Albert Camus${colon} ${fq('⟦Mal nommer les choses, c’est ajouter au malheur du monde.⟧')}</p>` },
  { lang: 'fr', speaker: 'Antoine de Saint-Exupéry', html: `<p>Comme le disait Antoine de Saint-Exupéry, ${fq('⟦on ne voit bien qu’avec le cœur⟧')}. Une leçon pour le service client.</p>` },
  { lang: 'fr', speaker: 'Victor Hugo', html: `<p>Comme l’écrivait Victor Hugo dans <em>Les Misérables</em>, ${fq('⟦le bonheur suprême de la vie, c’est la conviction qu’on est aimé⟧')}.</p>` },
  { lang: 'fr', speaker: 'Marie Lefèvre', html: `<p>Les clients attendent une réponse en moins d’une heure. Selon Marie Lefèvre, ${fq('⟦la rapidité compte plus que la perfection⟧')}.</p>` },
  { lang: 'fr', speaker: 'CNIL', html: `<p>D’après la CNIL, ${fq('⟦les cookies de mesure d’audience peuvent être exemptés de consentement⟧')} sous conditions.</p>` },
  { lang: 'fr', speaker: 'Thomas Durand', html: `<p>Thomas Durand, directeur marketing chez Fnac Darty, résume la situation${colon} ${fq('⟦nos clients veulent être écoutés avant d’être servis⟧')}.</p>` },
  { lang: 'fr', speaker: 'Sophie Martin', html: `<p>En 2023, Sophie Martin a déclaré${colon} ${fq('⟦la fidélité ne s’achète pas, elle se mérite⟧')}.</p>` },
  { lang: 'fr', speaker: 'Victor Hugo', html: `<p>Il y a une phrase de Victor Hugo que je cite souvent en formation${colon} ${fq('⟦rien n’est plus puissant qu’une idée dont l’heure est venue⟧')}.</p>` },
  { lang: 'fr', speaker: 'Paul Valéry', html: `<p>Pour reprendre les mots de Paul Valéry, ${fq('⟦le vent se lève, il faut tenter de vivre⟧')}.</p>` },
  { lang: 'fr', speaker: 'Jean-Marc Jancovici', html: `<p>Pour Jean-Marc Jancovici, ${fq('⟦la sobriété n’est pas une option⟧')}.</p>` },
  { lang: 'fr', speaker: 'Camus', html: `<p>Comme Camus le rappelait, ${fq('⟦il faut imaginer Sisyphe heureux⟧')}.</p>` },
  { lang: 'fr', speaker: 'Stromae', html: `<p>Stromae chantait${colon} ${fq('⟦alors on danse⟧')}, et toute la salle reprenait.</p>` },
  // ---- French: after the quotation ------------------------------------------------------------
  { lang: 'fr', speaker: 'Bernard Arnault', html: `<p>${fq('⟦Le luxe, c’est le temps que l’on prend⟧')}, affirme Bernard Arnault lors de l’assemblée générale.</p>` },
  { lang: 'fr', speaker: 'Claire Dubois', html: `<p>${fq('⟦Nous avons divisé par deux le temps de réponse⟧')}, a expliqué Claire Dubois, responsable de la relation client.</p>` },
  { lang: 'fr', speaker: 'Aristote', html: `<p>${fq('⟦Nous sommes ce que nous faisons de manière répétée.⟧')} Aristote.</p>` },
  { lang: 'fr', speaker: 'Jean Dupont', html: `<p>${fq('⟦Le client n’achète pas un produit, il achète une promesse⟧')}, selon Jean Dupont.</p>` },
  { lang: 'fr', speaker: 'Simone de Beauvoir', html: `<p>${fq('⟦On ne naît pas femme, on le devient⟧')}, écrivait Simone de Beauvoir en 1949.</p>` },
  // ---- French: blockquotes, figures, q --------------------------------------------------------
  { lang: 'fr', speaker: 'Albert Camus', html: `<blockquote><p>⟦La vraie générosité envers l’avenir consiste à tout donner au présent.⟧</p><footer>— Albert Camus, <cite>L’Homme révolté</cite></footer></blockquote>` },
  { lang: 'fr', speaker: 'Marguerite Yourcenar', html: `<figure><blockquote><p>⟦Le véritable lieu de naissance est celui où l’on a porté pour la première fois un coup d’œil intelligent sur soi-même.⟧</p></blockquote><figcaption>Marguerite Yourcenar, <cite>Mémoires d’Hadrien</cite></figcaption></figure>` },
  { lang: 'fr', speaker: 'Voltaire', html: `<p>On prête souvent à tort cette phrase à ${'Voltaire'}${colon} <q cite="https://fr.wikipedia.org/wiki/Voltaire">⟦Le mieux est l’ennemi du bien⟧</q>.</p>` },
  { lang: 'fr', speaker: 'Gilles Babinet', html: `<blockquote class="twitter-tweet"><p lang="fr">⟦La donnée client ne vaut rien si personne ne la lit.⟧</p>— Gilles Babinet (@babgi) <a href="https://twitter.com/babgi/status/1">3 décembre 2026</a></blockquote>` },
  { lang: 'fr', speaker: 'Brené Brown', html: `<p>Brené Brown l’a formulé ainsi lors de sa conférence${colon}</p><blockquote><p>⟦La vulnérabilité est le berceau de l’innovation.⟧</p></blockquote>` },
  // ---- French: hard ---------------------------------------------------------------------------
  { lang: 'fr', speaker: 'Steve Jobs', hard: 'pronoun, the name two sentences back', html: `<p>En janvier 2007, Steve Jobs monte sur la scène du Moscone Center. La salle retient son souffle. Il lance alors${colon} ${fq('⟦aujourd’hui, Apple réinvente le téléphone⟧')}.</p>` },
  { lang: 'fr', speaker: 'Christine Lagarde', hard: 'pronoun after the quotation', html: `<p>Christine Lagarde a tenu à rassurer les marchés jeudi. ${fq('⟦L’inflation reculera d’ici la fin de l’année⟧')}, a-t-elle déclaré.</p>` },
  { lang: 'fr', speaker: 'Jean Dupont', hard: 'two quotes, two speakers', html: `<p>Jean Dupont${colon} ${fq('⟦il faut investir maintenant⟧')}. Pierre Martin lui répond${colon} ${fq('attendons la fin du trimestre')}.</p>` },
  { lang: 'fr', speaker: 'Pierre Martin', hard: 'two quotes, two speakers', html: `<p>Jean Dupont${colon} ${fq('il faut investir maintenant')}. Pierre Martin lui répond${colon} ${fq('⟦attendons la fin du trimestre⟧')}.</p>` },
  { lang: 'fr', speaker: 'Anne Hidalgo', hard: 'two quotes, two speakers, after', html: `<p>${fq('Paris sera prête')}, assure Rachida Dati. ${fq('⟦Rien n’est joué⟧')}, rétorque Anne Hidalgo.</p>` },
  { lang: 'fr', speaker: null, hard: 'irony', html: `<p>Ces ${fq('⟦experts⟧')} qui nous expliquent tous les matins comment vendre n’ont jamais tenu une boutique.</p>` },
  { lang: 'fr', speaker: null, hard: 'irony with a name nearby', html: `<p>Jean Dupont parle de ${fq('⟦simplification⟧')}${colon} personne dans l’équipe n’y croit.</p>` },
  { lang: 'fr', speaker: null, hard: 'a title and two people', html: `<p>Le PDG de Renault a rencontré Carlos Tavares et Luca de Meo. ${fq('⟦Nous devons coopérer⟧')}, a déclaré le PDG.</p>` },
  { lang: 'fr', speaker: 'Luca de Meo', hard: 'a title with the name in apposition', html: `<p>${fq('⟦L’électrique sera rentable en 2027⟧')}, a affirmé le directeur général, Luca de Meo.</p>` },
  { lang: 'fr', speaker: null, hard: 'the page author signs below the quote', author: 'Julie Moreau', html: `<p>Je vous laisse sur cette idée${colon} ${fq('⟦écoutez vos clients avant de leur parler⟧')}</p><p>— Julie Moreau</p>` },
  { lang: 'fr', speaker: 'Julie Moreau', hard: 'the page author quoting herself', author: 'Julie Moreau', html: `<p>Comme je l’écrivais l’an dernier, ${fq('⟦un client qui se plaint est un client qui croit encore en vous⟧')}.</p>` },
  { lang: 'fr', speaker: null, hard: 'a quote without any attribution', html: `<p>On entend souvent ${fq('⟦le client est roi⟧')}, mais qui le pense vraiment${NBSP}?</p>` },
  { lang: 'fr', speaker: null, hard: 'a name, but no saying', html: `<p>Le rapport de Bpifrance sur la ${fq('⟦transformation numérique⟧')} des PME paraît demain.</p>` },
  { lang: 'fr', speaker: 'Édouard Philippe', hard: 'part of a longer quotation', html: `<p>Édouard Philippe a déclaré${colon} ${fq('Nous avons fait des choix difficiles. ⟦Je les assume pleinement.⟧ Et je recommencerais.')}</p>` },
  // ---- English: before the quotation ----------------------------------------------------------
  { lang: 'en', speaker: 'Albert Einstein', html: `<p>Quote from Albert Einstein: “⟦Imagination is more important than knowledge.⟧”</p>` },
  { lang: 'en', speaker: 'Maya Angelou', html: `<p>As Maya Angelou put it, “⟦people will never forget how you made them feel.⟧” That is the whole of customer service.</p>` },
  { lang: 'en', speaker: 'Peter Drucker', html: `<p>According to Peter Drucker, “⟦the aim of marketing is to know and understand the customer so well the product or service fits him and sells itself.⟧”</p>` },
  { lang: 'en', speaker: 'Satya Nadella', html: `<p>Satya Nadella, Microsoft’s chief executive, told the audience: “⟦Our industry does not respect tradition, it only respects innovation.⟧”</p>` },
  { lang: 'en', speaker: 'Warren Buffett', html: `<p>In the words of Warren Buffett, “⟦it takes 20 years to build a reputation and five minutes to ruin it.⟧”</p>` },
  { lang: 'en', speaker: 'Seth Godin', html: `<p>Seth Godin once wrote: "⟦People do not buy goods and services. They buy relations, stories and magic.⟧"</p>` },
  { lang: 'en', speaker: 'Seneca', html: `<p>There is a line by Seneca I keep on my desk: “⟦Luck is what happens when preparation meets opportunity.⟧”</p>` },
  { lang: 'en', speaker: 'Steve Jobs', html: `<p>Steve Jobs’s famous advice: “⟦Stay hungry, stay foolish.⟧”</p>` },
  { lang: 'en', speaker: 'Jeff Bezos', html: `<p>In a 1997 letter, Jeff Bezos said that ⟦“we will continue to focus relentlessly on our customers.”⟧</p>` },
  { lang: 'en', speaker: 'WHO', html: `<p>According to the WHO, “⟦more than half of the world’s population is not covered by essential health services.⟧”</p>` },
  // ---- English: after the quotation -----------------------------------------------------------
  { lang: 'en', speaker: 'Jane Smith', html: `<p>“⟦We answer every ticket within the hour,⟧” Jane Smith said at the conference.</p>` },
  { lang: 'en', speaker: 'Tim Cook', html: `<p>“⟦Privacy is a fundamental human right,⟧” said Tim Cook.</p>` },
  { lang: 'en', speaker: 'Mark Twain', html: `<p>“⟦The secret of getting ahead is getting started.⟧” — Mark Twain</p>` },
  { lang: 'en', speaker: 'Brené Brown', html: `<p>"⟦Clear is kind. Unclear is unkind,⟧" writes Brené Brown in <em>Dare to Lead</em>.</p>` },
  { lang: 'en', speaker: 'Bill Gates', html: `<p>“⟦Your most unhappy customers are your greatest source of learning,⟧” according to Bill Gates.</p>` },
  // ---- English: blockquotes, figures, embedded posts -----------------------------------------
  { lang: 'en', speaker: 'Maya Angelou', html: `<blockquote><p>⟦I’ve learned that people will forget what you said.⟧</p><footer>— <cite>Maya Angelou</cite></footer></blockquote>` },
  { lang: 'en', speaker: 'Ursula K. Le Guin', html: `<figure><blockquote cite="https://example.org/speech"><p>⟦It is good to have an end to journey toward; but it is the journey that matters, in the end.⟧</p></blockquote><figcaption>— Ursula K. Le Guin, <cite>The Left Hand of Darkness</cite></figcaption></figure>` },
  { lang: 'en', speaker: 'Oscar Wilde', html: `<p>The line is often misquoted: <q cite="https://en.wikiquote.org/wiki/Oscar_Wilde">⟦Be yourself; everyone else is already taken.⟧</q></p>` },
  { lang: 'en', speaker: 'Dan Abramov', html: `<blockquote class="bluesky-embed"><p lang="en">⟦Most bugs are just misunderstood requirements.⟧</p>— Dan Abramov (<a href="https://bsky.app/profile/danabra.mov">@danabra.mov</a>) <a href="https://bsky.app/profile/danabra.mov/post/1">December 2, 2026</a></blockquote>` },
  { lang: 'en', speaker: 'Ann Handley', html: `<p>Ann Handley summed it up in her keynote:</p><blockquote><p>⟦Make the customer the hero of your story.⟧</p></blockquote>` },
  // ---- English: hard --------------------------------------------------------------------------
  { lang: 'en', speaker: 'Indra Nooyi', hard: 'pronoun, the name several sentences back', html: `<p>Indra Nooyi ran PepsiCo for twelve years. Analysts doubted her strategy at first. The results came slowly. Then she said: “⟦Just because you are CEO, don’t think you have landed.⟧”</p>` },
  { lang: 'en', speaker: 'Marc Benioff', hard: 'a title after the quotation', html: `<p>Marc Benioff walked on stage to loud applause. “⟦Trust is our highest value,⟧” the CEO said.</p>` },
  { lang: 'en', speaker: null, hard: 'a title and two people', html: `<p>Sundar Pichai met Satya Nadella in Davos. “⟦We agree on more than people think,⟧” the CEO said.</p>` },
  { lang: 'en', speaker: 'Anna Lee', hard: 'two quotes, two speakers', html: `<p>“We will ship in March,” Tom Baker said. “⟦Not before the audit,⟧” Anna Lee replied.</p>` },
  { lang: 'en', speaker: 'Tom Baker', hard: 'two quotes, two speakers', html: `<p>“⟦We will ship in March,⟧” Tom Baker said. “Not before the audit,” Anna Lee replied.</p>` },
  { lang: 'en', speaker: null, hard: 'irony', html: `<p>Our “⟦innovative⟧” competitors copied the feature three years late.</p>` },
  { lang: 'en', speaker: null, hard: 'irony after a name', html: `<p>Tom Baker calls it a “⟦minor delay⟧” but the launch is six months late.</p>` },
  { lang: 'en', speaker: null, hard: 'the page author signs below', author: 'Mark Evans', html: `<p>Remember: “⟦a complaint is a gift.⟧”</p><p>— Mark Evans</p>` },
  { lang: 'en', speaker: 'Mark Evans', hard: 'the page author quoting himself', author: 'Mark Evans', html: `<p>As I wrote last year, “⟦a complaint is a gift.⟧”</p>` },
  { lang: 'en', speaker: null, hard: 'a pronoun with two people before', html: `<p>Jane Smith hired Tom Baker in 2019. “⟦It was the best decision of my career,⟧” she said.</p>` },
  { lang: 'en', speaker: 'Jane Smith', hard: 'a pronoun with one person before', html: `<p>Jane Smith hired her first support agent in 2019. “⟦It was the best decision of my career,⟧” she said.</p>` },
  { lang: 'en', speaker: 'Maya Angelou', hard: 'a pronoun, another person in the paragraph before', html: `<p>“Your unhappy customers teach you the most,” Bill Gates wrote.</p><p>Maya Angelou made everyone in a room feel seen. As she put it, “⟦people will never forget how you made them feel.⟧”</p>` },
  { lang: 'fr', speaker: null, hard: 'a pronoun, nobody named in its paragraph but two before', html: `<p>Emmanuel Faber et Alexandre Bompard se sont croisés à Davos.</p><p>Le lendemain, il a déclaré${colon} ${fq('⟦la croissance viendra des marques locales⟧')}.</p>` },
  { lang: 'en', speaker: null, hard: 'a word in quotation marks, no speaker', html: `<p>The so-called “⟦growth hacking⟧” era is over.</p>` },
  { lang: 'en', speaker: 'Abraham Lincoln', hard: 'part of a longer quotation', html: `<p>Abraham Lincoln said: “The best way to predict your future is to create it. ⟦Whatever you are, be a good one.⟧”</p>` },
  { lang: 'en', speaker: null, hard: 'a heading above, no saying', html: `<h2>Customer Service</h2><p>“⟦Always be closing⟧” is not a strategy.</p>` },
];

/** Cases written once the rules were done (their first run is what the benchmark's `unseen` row shows). */
export const UNSEEN_CASES: SpeakerCase[] = (
  [
    { lang: 'fr', speaker: 'Yvon Chouinard', html: `<p>Le fondateur de Patagonia ne mâche pas ses mots. ${fq('⟦La meilleure publicité, c’est un produit qui dure⟧')}, confiait Yvon Chouinard au <em>Monde</em> en 2019.</p>` },
    { lang: 'fr', speaker: 'Michel Serres', html: `<p>Michel Serres${colon} ${fq('⟦Le savoir est la seule chose qui se partage sans se diviser.⟧')}</p>` },
    { lang: 'fr', speaker: 'Coco Chanel', html: `<p>La phrase est restée célèbre. Selon Coco Chanel, ${fq('⟦la mode se démode, le style jamais⟧')}.</p>` },
    { lang: 'fr', speaker: null, hard: 'a slogan in quotation marks', html: `<p>La campagne ${fq('⟦Parce que vous le valez bien⟧')} a plus de cinquante ans.</p>` },
    { lang: 'fr', speaker: 'Isabelle Kocher', html: `<p>Interrogée sur la transition, Isabelle Kocher a répondu sans détour${colon} ${fq('⟦nous avons dix ans, pas trente⟧')}.</p>` },
    { lang: 'fr', speaker: null, hard: 'a title, nobody named', html: `<p>${fq('⟦Nous ne fermerons aucun magasin⟧')}, a assuré la direction dans un communiqué.</p>` },
    { lang: 'fr', speaker: 'Boris Cyrulnik', html: `<blockquote><p>⟦Le malheur n’est jamais pur, pas plus que le bonheur.⟧</p><footer>Boris Cyrulnik</footer></blockquote>` },
    { lang: 'fr', speaker: 'Jean de La Fontaine', html: `<p>${fq('⟦Rien ne sert de courir, il faut partir à point.⟧')} Jean de La Fontaine.</p>` },
    { lang: 'fr', speaker: null, hard: 'a book title in quotation marks', html: `<p>J’ai relu ${fq('⟦L’Art de la guerre⟧')} de Sun Tzu cet été.</p>` },
    { lang: 'fr', speaker: 'Greta Thunberg', hard: 'pronoun after, name sentences back', html: `<p>Greta Thunberg s’est adressée aux dirigeants à New York. Sa voix tremblait. ${fq('⟦Comment osez-vous${NBSP}?⟧')}, a-t-elle lancé.</p>` },
    { lang: 'fr', speaker: 'Marc Simoncini', html: `<p>Pour le fondateur de Meetic, Marc Simoncini, ${fq('⟦un entrepreneur qui n’échoue jamais ne prend aucun risque⟧')}.</p>` },
    { lang: 'fr', speaker: null, hard: 'two speakers, one after the other, selection between', html: `<p>Anne Martin et Paul Roux ne sont pas d’accord. ${fq('⟦Il faut baisser les prix⟧')}, dit l’une. ${fq('Jamais')}, répond l’autre.</p>` },
    { lang: 'fr', speaker: 'Emmanuel Macron', html: `<p>${fq('⟦Nous sommes en guerre⟧')}, a martelé Emmanuel Macron le 16 mars 2020.</p>` },
    { lang: 'fr', speaker: 'Sénèque', html: `<p>Il faut relire Sénèque, qui écrivait${colon} ${fq('⟦ce n’est pas parce que les choses sont difficiles que nous n’osons pas⟧')}.</p>` },
    { lang: 'en', speaker: 'Peter Drucker', html: `<p>“⟦Culture eats strategy for breakfast,⟧” Peter Drucker supposedly said, though no one has found where.</p>` },
    { lang: 'en', speaker: 'Jeff Bezos', html: `<p>Amazon’s founder Jeff Bezos put it bluntly: “⟦Your brand is what people say about you when you’re not in the room.⟧”</p>` },
    { lang: 'en', speaker: null, hard: 'scare quotes around a phrase', html: `<p>The company’s “⟦customer-first⟧” policy lasted exactly one quarter.</p>` },
    { lang: 'en', speaker: 'Simon Sinek', html: `<p>“⟦People don’t buy what you do; they buy why you do it,⟧” says Simon Sinek in his TED talk.</p>` },
    { lang: 'en', speaker: 'Ada Lovelace', html: `<figure><blockquote><p>⟦The Analytical Engine weaves algebraic patterns just as the Jacquard loom weaves flowers and leaves.⟧</p></blockquote><figcaption>Ada Lovelace, 1843</figcaption></figure>` },
    { lang: 'en', speaker: null, hard: 'a pronoun, two people before', html: `<p>Sheryl Sandberg and Mark Zuckerberg spoke after the vote. “⟦We hear you,⟧” she said.</p>` },
    { lang: 'en', speaker: 'Sheryl Sandberg', hard: 'a pronoun after a paragraph break', html: `<p>Sheryl Sandberg took questions for an hour.</p><p>“⟦Done is better than perfect,⟧” she told the room.</p>` },
    { lang: 'en', speaker: 'Theodore Roosevelt', html: `<p>As Theodore Roosevelt famously said, “⟦comparison is the thief of joy.⟧”</p>` },
    { lang: 'en', speaker: null, hard: 'a quoted search query', html: `<p>Search for “⟦best CRM for small business⟧” and you get 40 million results.</p>` },
    { lang: 'en', speaker: 'Elon Musk', html: `<blockquote class="twitter-tweet"><p lang="en">⟦The factory is the product.⟧</p>&mdash; Elon Musk (@elonmusk) <a href="https://twitter.com/elonmusk/status/1">March 3, 2026</a></blockquote>` },
    { lang: 'en', speaker: 'Melinda French Gates', html: `<p>Melinda French Gates told the graduates: “⟦Deploy your empathy.⟧”</p>` },
    { lang: 'en', speaker: null, hard: 'the author signs with a dash', author: 'Priya Shah', html: `<p>So next time a customer writes in angry, remember: “⟦they are giving you a second chance.⟧”</p><p>— Priya Shah</p>` },
    { lang: 'en', speaker: 'Marcus Aurelius', html: `<p>There’s a line from Marcus Aurelius that every support lead should read: “⟦The impediment to action advances action.⟧”</p>` },
    { lang: 'en', speaker: null, hard: 'a title with two companies', html: `<p>Apple and Google both declined to comment. “⟦We do not discuss future products,⟧” a spokesperson said.</p>` },
  ] satisfies SpeakerCase[]
).map((c) => ({ ...c, unseen: true }));

/**
 * Builds the case's page in `doc` and returns the detector's context for its selected passage.
 */
export function caseContext(doc: Document, c: SpeakerCase): SpeakerContext {
  doc.body.innerHTML = `<article>${c.html}</article>`;
  const walker = doc.createTreeWalker(doc.body, 4);
  const at: Array<[Text, number]> = [];
  for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
    for (const mark of ['⟦', '⟧']) {
      const i = n.data.indexOf(mark);
      if (i >= 0) (n.data = n.data.slice(0, i) + n.data.slice(i + 1), at.push([n, i]));
    }
  }
  // Set once the marks are gone: changing a text node's data moves a range's ends in it.
  const range = doc.createRange();
  range.setStart(...at[0]!);
  range.setEnd(...at[1]!);
  return speakerContext(range, c.author);
}
