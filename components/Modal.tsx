import type { ComponentChildren } from 'preact';

export type ModalProps = {
  /** The id of the heading that names the dialog. */
  labelledBy: string;
  /** Extra class of the dialog box (`delete-article-dialog`…). */
  class?: string;
  /** Escape, or a click on the backdrop. */
  onClose: () => void;
  children: ComponentChildren;
};

/** A modal dialog over the page: a backdrop, the box, Escape and a click outside close it. */
export function Modal({ labelledBy, class: cls, onClose, children }: ModalProps) {
  return (
    <div class="dialog-backdrop" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div
        class={`dialog ${cls ?? ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={labelledBy}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onClose();
          }
        }}
      >
        {children}
      </div>
    </div>
  );
}
