import type { ReactNode } from 'react';

/**
 * A table that may be wider than a phone screen: it scrolls sideways inside a box that keyboard users can
 * focus (and so scroll with the arrow keys), named by the heading of its section.
 */
export function ScrollTable({
  labelledBy,
  className,
  children,
}: {
  labelledBy: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    // A group (not a fieldset) is the right role for a scroll box.
    <div
      className={`table-wrap${className ? ` ${className}` : ''}`}
      role="group"
      aria-labelledby={labelledBy}
      // A scrollable region must be focusable to scroll by keyboard.
      tabIndex={0}
    >
      {children}
    </div>
  );
}
