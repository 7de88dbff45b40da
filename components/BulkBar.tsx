import { useState } from 'preact/hooks';
import { AddToProject } from './AddToProject';
import { ColorPicker } from './ColorPicker';
import { QuoteCheck } from './QuoteCheck';
import { ErrorNotice } from './ErrorNotice';
import type { useUndo } from '../hooks/useUndo';
import { useWrite } from '../hooks/useWrite';
import type { VerbatimDb } from '../utils/db/schema';
import type { Article, Color, Note, NoteKind } from '../utils/domain/model';
import { normalizeTag } from '../utils/domain/tags';
import { plural, t } from '../utils/platform/i18n';
import { siteOf } from '../utils/search/filters';
import type { Change } from '../utils/services/changes';
import * as changes from '../utils/services/changes';
import type { Project } from '../utils/domain/project';
import { addNotesToProjects, createProject } from '../utils/services/projects';

export type BulkBarProps = {
  db: VerbatimDb;
  /** The selected notes (those still in the library). */
  notes: Note[];
  /** Every article by id, for "Move to article". */
  articles: ReadonlyMap<string, Article>;
  /** The user's projects, for "Add to project" (none: not offered). */
  projects?: readonly Project[];
  colorNames: Record<Color, string>;
  /** The page's one undo: every change made here is offered back through it. */
  undo: ReturnType<typeof useUndo>;
  /** Clears the selection. */
  onDone: () => void;
  /** How many notes the list shows, and how to select them all: offered while fewer are selected. */
  selectAll?: { shown: number; select: () => void };
};

type Panel = 'tag' | 'untag' | 'color' | 'kind' | 'move' | 'project' | 'check' | null;

/**
 * What can be done to every selected note at once: tag, remove a tag, recolour, make highlights
 * or quotes, move to another article, delete; and check their passages against their sources
 * (QuoteCheck). Each change is one transaction (all or nothing) with one
 * Undo; a failure is said here, in the bar, and nothing was changed. The side panel and the
 * popup (the page's notes) each show it while notes are selected.
 */
export function BulkBar({ db, notes, articles, projects, colorNames, undo, onDone, selectAll }: BulkBarProps) {
  const [panel, setPanel] = useState<Panel>(null);
  const [tag, setTag] = useState('');
  const [target, setTarget] = useState('');
  const { busy: working, error, run } = useWrite('bulkChangeFailed', 'a bulk action failed');
  const ids = notes.map((n) => n.id);
  const count = notes.length;
  const tagsOfSelection = [...new Set(notes.flatMap((n) => n.tags))].sort((a, b) => a.localeCompare(b));

  /** Makes a change; says in the bar why it failed (nothing changed). Resolves true when done. */
  const act = (change: () => Promise<Change>, describe: (c: Change) => string, otherwiseKey?: string) => run(() => undo.run(change, describe), otherwiseKey);
  const done = (ok: boolean) => ok && setPanel(null);
  const toggle = (p: Exclude<Panel, null>) => setPanel((now) => (now === p ? null : p));
  const tab = (p: Exclude<Panel, null>, label: string) => (
    <button type="button" class={`btn btn-small${panel === p ? ' btn-on' : ''}`} aria-expanded={panel === p} data-bulk={p} onClick={() => toggle(p)}>
      {label}
    </button>
  );
  // Only while the list is shown: 2,000 titles sorted on every render would be wasted.
  const moveTargets = panel !== 'move' ? [] : [...articles.values()].sort((a, b) => (a.title || a.url).localeCompare(b.title || b.url));
  const setKind = (kind: NoteKind) =>
    void act(
      () => changes.setKindChange(db, ids, kind),
      (c) => plural(c.notes, kind === 'quote' ? 'notesToQuoteOne' : 'notesToHighlightOne', kind === 'quote' ? 'notesToQuoteOther' : 'notesToHighlightOther'),
    ).then(done);

  return (
    <div class="bulk-bar" role="toolbar" aria-label={t('bulkLabel')}>
      <span class="bulk-count">{plural(count, 'selectedOne', 'selectedOther')}</span>
      {selectAll && selectAll.shown > count && (
        <button type="button" class="link-button" data-bulk="all" onClick={selectAll.select}>
          {plural(selectAll.shown, 'bulkSelectAll', 'bulkSelectAll')}
        </button>
      )}
      {tab('tag', t('bulkTag'))}
      {tab('untag', t('bulkUntag'))}
      {tab('color', t('bulkColor'))}
      {tab('kind', t('bulkKind'))}
      {tab('move', t('bulkMove'))}
      {projects && tab('project', t('projectAddAction'))}
      {tab('check', t('checkQuotes'))}
      <button
        type="button"
        class="btn btn-small danger"
        data-bulk="delete"
        disabled={working}
        onClick={() => void act(() => changes.deleteNotesChange(db, ids), (c) => plural(c.notes, 'noteDeleted', 'notesDeletedOther'), 'bulkDeleteFailed').then((ok) => ok && onDone())}
      >
        {t('deleteNote')}
      </button>
      <button type="button" class="link-button" onClick={onDone}>
        {t('bulkClear')}
      </button>
      {panel === 'tag' && (
        <form
          class="bulk-panel"
          onSubmit={(e) => {
            e.preventDefault();
            const clean = normalizeTag(tag);
            if (!clean) return;
            void act(() => changes.tagNotesChange(db, ids, clean), (c) => plural(c.notes, 'notesTaggedOne', 'notesTaggedOther', clean), 'bulkTagFailed').then((ok) => {
              if (ok) setTag('');
              done(ok);
            });
          }}
        >
          <input type="text" value={tag} placeholder={t('bulkTagPlaceholder')} aria-label={t('bulkTagPlaceholder')} onInput={(e) => setTag(e.currentTarget.value)} />
          <button type="submit" class="btn btn-small" disabled={working}>
            {t('bulkApply')}
          </button>
        </form>
      )}
      {panel === 'untag' && (
        <div class="bulk-panel">
          {tagsOfSelection.length === 0 ? (
            <span class="muted small">{t('bulkNoTags')}</span>
          ) : (
            tagsOfSelection.map((x) => (
              <button
                key={x}
                type="button"
                class="chip-suggest"
                disabled={working}
                aria-label={t('bulkUntagOne', x)}
                onClick={() => void act(() => changes.untagNotesChange(db, ids, x), (c) => plural(c.notes, 'notesUntaggedOne', 'notesUntaggedOther', x)).then(done)}
              >
                − {x}
              </button>
            ))
          )}
        </div>
      )}
      {panel === 'color' && (
        <div class="bulk-panel">
          <ColorPicker
            names={colorNames}
            label={t('bulkColor')}
            onPick={(color) => void act(() => changes.recolorNotesChange(db, ids, color), (c) => plural(c.notes, 'notesRecoloredOne', 'notesRecoloredOther', colorNames[color])).then(done)}
          />
        </div>
      )}
      {panel === 'kind' && (
        <div class="bulk-panel">
          <button type="button" class="btn btn-small" data-kind="highlight" disabled={working} onClick={() => setKind('highlight')}>
            {t('bulkMakeHighlights')}
          </button>
          <button type="button" class="btn btn-small" data-kind="quote" disabled={working} onClick={() => setKind('quote')}>
            {t('bulkMakeQuotes')}
          </button>
        </div>
      )}
      {panel === 'move' && (
        <form
          class="bulk-panel"
          onSubmit={(e) => {
            e.preventDefault();
            const to = moveTargets.find((a) => a.id === target);
            if (!to) return;
            void act(() => changes.moveNotesChange(db, ids, to.id), (c) => plural(c.notes, 'notesMovedOne', 'notesMovedOther', to.title || to.url)).then(done);
          }}
        >
          <select value={target} aria-label={t('bulkMoveTo')} onChange={(e) => setTarget(e.currentTarget.value)}>
            <option value="">{t('bulkMoveTo')}</option>
            {moveTargets.map((a) => (
              <option key={a.id} value={a.id}>
                {(a.title || a.url).slice(0, 80)} · {a.siteName ?? siteOf(a.url)}
              </option>
            ))}
          </select>
          <button type="submit" class="btn btn-small" disabled={working || !target}>
            {t('bulkMoveButton')}
          </button>
          <p class="muted small bulk-help">{t('bulkMoveHelp')}</p>
        </form>
      )}
      {panel === 'project' && projects && (
        <div class="bulk-panel">
          <AddToProject
            projects={projects}
            // Ticked: the projects that already hold every selected note.
            holding={new Set(projects.filter((p) => ids.every((id) => p.noteIds.includes(id))).map((p) => p.id))}
            count={count}
            onAdd={(projectId) => addNotesToProjects(db, [projectId], ids)}
            onCreate={(name) => createProject(db, name, ids)}
            onClose={() => setPanel(null)}
          />
        </div>
      )}
      {panel === 'check' && (
        <div class="bulk-panel">
          <QuoteCheck db={db} notes={notes} level={2} />
        </div>
      )}
      <ErrorNotice error={error} class="bulk-error" />
    </div>
  );
}
