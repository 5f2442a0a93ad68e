import { AugmentStudio } from './augment/AugmentStudio';
import { ChartsPanel } from './charts/ChartsPanel';
import { ControlsPanel } from './controls/ControlsPanel';
import { DataPanel } from './data/DataPanel';
import { FactorProbes } from './data/FactorProbes';
import { Header } from './header/Header';
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
          <DataPanel />
          <SharePanel />
          <SavedRuns />
        </aside>
        <div className="layout__results">
          <RunBar />
          <ChartsPanel />
          <FactorProbes />
          <MethodPanel />
          <PreviewStrip />
          <AugmentStudio />
        </div>
      </main>
    </div>
  );
}
