import { BackendBadge } from './BackendBadge';

export function Header() {
  return (
    <header className="app-header">
      <div>
        <h1>SSL Playground</h1>
        <p className="app-header__pitch">
          Train self-supervised vision methods in your browser, watch them learn or collapse, and share the exact experiment as a link.
        </p>
      </div>
      <BackendBadge />
    </header>
  );
}
