import { AugmentStudio } from './augment/AugmentStudio';
import { ChartsPanel } from './charts/ChartsPanel';
import { selectHidden } from '../state/link/selectors';
import { useStore } from '../state/store';
import { CompareView } from './compare/CompareView';
import { LinkedRuns } from './compare/LinkedRuns';
import { PresetsGallery } from './compare/PresetsGallery';
import { ControlsPanel } from './controls/ControlsPanel';
import { DataPanel } from './data/DataPanel';
import { FactorProbes } from './data/FactorProbes';
import { Header } from './header/Header';
import { HowItWorks } from './inside/HowItWorks';
import { InsidePanel } from './inside/InsidePanel';
import { ProbeFractions } from './inside/ProbeFractions';
import { MethodPanel } from './method/MethodPanel';
import { ErrorList } from './notices/ErrorList';
import { UrlNotice } from './notices/UrlNotice';
import { QueuePanel } from './queue/QueuePanel';
import { PreviewStrip } from './preview/PreviewStrip';
import { RunBar } from './runbar/RunBar';
import { SavedRuns } from './runs/SavedRuns';
import { SharePanel } from './share/SharePanel';
import { SweepBuilder } from './sweep/SweepBuilder';

/** Layout only: each panel reads the store itself and calls actions (state/actions.ts). */
export function App() {
  const hidden = useStore(selectHidden);
  return (
    <div className={['app', ...hidden.map((g) => `hide-${g}`)].join(' ')} data-testid="app">
      <Header />
      <UrlNotice />
      <ErrorList />
      <main className="layout">
        <aside className="layout__controls">
          <ControlsPanel />
          <DataPanel />
          <SweepBuilder />
          <SharePanel />
          <SavedRuns />
          <PresetsGallery />
        </aside>
        <div className="layout__results">
          <RunBar />
          <LinkedRuns />
          <QueuePanel />
          <ChartsPanel />
          <FactorProbes />
          <ProbeFractions />
          <CompareView />
          <MethodPanel />
          <InsidePanel />
          <HowItWorks />
          <div data-group="preview">
            <PreviewStrip />
            <AugmentStudio />
          </div>
        </div>
      </main>
    </div>
  );
}
