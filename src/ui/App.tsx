import { ChartsPanel } from './charts/ChartsPanel';
import { ControlsPanel } from './controls/ControlsPanel';
import { Header } from './header/Header';
import { HowItWorks } from './inside/HowItWorks';
import { InsidePanel } from './inside/InsidePanel';
import { ProbeFractions } from './inside/ProbeFractions';
import { MethodPanel } from './method/MethodPanel';
import { ErrorList } from './notices/ErrorList';
import { UrlNotice } from './notices/UrlNotice';
import { PreviewStrip } from './preview/PreviewStrip';
import { RunBar } from './runbar/RunBar';
import { SavedRuns } from './runs/SavedRuns';
import { SharePanel } from './share/SharePanel';

/** Layout only: each panel reads the store itself and calls actions (state/actions.ts). */
export function App() {
  return (
    <div className="app">
      <Header />
      <UrlNotice />
      <ErrorList />
      <main className="layout">
        <aside className="layout__controls">
          <ControlsPanel />
          <SharePanel />
          <SavedRuns />
        </aside>
        <div className="layout__results">
          <RunBar />
          <ChartsPanel />
          <ProbeFractions />
          <MethodPanel />
          <InsidePanel />
          <HowItWorks />
          <PreviewStrip />
        </div>
      </main>
    </div>
  );
}
