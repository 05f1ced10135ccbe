/** A framed panel with a title bar: the screens' basic building block. */
import type { ReactNode } from 'react';

export function Panel({
  title,
  extra,
  className,
  children,
  testId,
}: {
  title: string;
  extra?: ReactNode;
  className?: string;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <section className={`panel ${className ?? ''}`} data-testid={testId}>
      <header className="panel-title">
        <h2>{title}</h2>
        {extra}
      </header>
      <div className="panel-body">{children}</div>
    </section>
  );
}
