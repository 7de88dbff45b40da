import { closestOf } from '../../utils/dom/pristine';
import { COLORS } from '../../utils/domain/model';
import type { NoteActions } from './note-actions';
import type { Panel } from './panel';
import { Scope } from './scope';
import { FORM_FIELDS } from './selection-observer';

export interface ShortcutsOptions {
  doc: Document;
  panel: Pick<Panel, 'state' | 'typing' | 'hide' | 'color' | 'openCard'>;
  actions: Pick<NoteActions, 'run' | 'save' | 'annotate'>;
  /** Whether to go on handling events (see Scope). */
  alive?: () => boolean;
  /** Test seam: whether an event is the user's (the browser's `isTrusted`). */
  trusted?: (e: Event) => boolean;
}

/**
 * The keys of the panel: Escape closes it; while the toolbar is up, H and Q save the selection as
 * a highlight or a quote, N and T save it and open its card on the note or tag field, E opens the
 * card of the saved passage it starts in, 1–5 save it in that colour.
 */
export class Shortcuts {
  readonly #scope: Scope;

  constructor({ doc, panel, actions, alive, trusted = (e) => e.isTrusted }: ShortcutsOptions) {
    this.#scope = new Scope(alive);
    this.#scope.listen<KeyboardEvent>(doc, 'keydown', (e) => {
      // A page can dispatch key events at will: it must never save, open or close anything.
      if (!trusted(e) || panel.state.mode === 'hidden') return;
      if (e.key === 'Escape') {
        panel.hide();
        return;
      }
      // Single-key shortcuts while the toolbar is up, unless typing (in the page or in our editor).
      const state = panel.state;
      if (state.mode !== 'toolbar' || panel.typing() || e.ctrlKey || e.metaKey || e.altKey) return;
      if (closestOf(e.target instanceof Node ? e.target : null, FORM_FIELDS)) return;
      const key = e.key.toLowerCase();
      const colour = COLORS[Number(key) - 1];
      const act = () => {
        e.preventDefault();
        e.stopPropagation();
      };
      if (key === 'h') (act(), actions.run(actions.save('highlight', panel.color)));
      else if (key === 'q') (act(), actions.run(actions.save('quote', panel.color)));
      else if (key === 'n' || key === 't') (act(), actions.run(actions.annotate(key === 'n' ? 'note' : 'tags')));
      else if (key === 'e' && state.existing) (act(), panel.openCard(state.existing));
      else if (colour) (act(), actions.run(actions.save('highlight', colour)));
    }, { capture: true });
  }

  destroy(): void {
    this.#scope.destroy();
  }
}
