import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** What the panel is, in words: "Saved runs", "the Bayesian row …". */
  name: string;
  children: ReactNode;
  /** Offered when the failure comes from one stored record: removes it (the panel then renders again). */
  onDelete?: () => Promise<void> | void;
  deleteLabel?: string;
}

interface State {
  error: Error | null;
}

/**
 * One panel's failure stays in that panel: the rest of the page keeps working, and the panel says
 * what failed (React unmounts the whole tree on an uncaught render error otherwise — one bad saved
 * record once blanked the app on every reload).
 */
export class PanelBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`${this.props.name} failed to render`, error, info.componentStack);
  }

  private retry = () => this.setState({ error: null });

  private delete = async () => {
    await this.props.onDelete?.();
    this.retry();
  };

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    const message = error.message.length > 200 ? `${error.message.slice(0, 200)}…` : error.message;
    return (
      <div className="notice notice--error panel-failed" role="alert" data-testid="panel-failed">
        <p>
          {this.props.name} could not be shown: {message}
        </p>
        {this.props.onDelete && (
          <button type="button" className="button" data-testid="panel-failed-delete" onClick={() => void this.delete()}>
            {this.props.deleteLabel ?? 'Delete the bad record'}
          </button>
        )}
        <button type="button" className="button button--quiet" onClick={this.retry}>
          Try again
        </button>
      </div>
    );
  }
}
