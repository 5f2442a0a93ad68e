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
import { PanelBoundary } from './notices/PanelBoundary';
import { UrlNotice } from './notices/UrlNotice';
import { QueuePanel } from './queue/QueuePanel';
import { PreviewStrip } from './preview/PreviewStrip';
import { RunBar } from './runbar/RunBar';
import { SavedRuns } from './runs/SavedRuns';
import { SharePanel } from './share/SharePanel';
import { SweepBuilder } from './sweep/SweepBuilder';
import { QuestionDialog } from './notices/QuestionDialog';
import { ChangeHighlight } from './controls/ChangeHighlight';
import { Section } from './section/Section';

/**
 * Layout only: each panel reads the store itself and calls actions (state/actions.ts). Each panel has
 * its own error boundary, so one failure cannot blank the page. On a phone the results come before
 * the controls, which collapse into sections (layout.css, section/Section.tsx).
 */
export function App() {
  const hidden = useStore(selectHidden);
  return (
    <div className={['app', ...hidden.map((g) => `hide-${g}`)].join(' ')} data-testid="app">
      <a className="skip-link" href="#run-bar" data-testid="skip-link">
        Skip to the run controls
      </a>
      <Header />
      {/* First after the header, on every screen: Start is the second Tab stop, and the bar stays in view (sticky). */}
      <RunBar />
      <UrlNotice />
      <ErrorList />
      <QuestionDialog />
      <ChangeHighlight />
      <main className="layout">
        <aside className="layout__controls" aria-label="Settings">
          {/* On a phone each part is a collapsed section below the run bar and the charts (section/Section.tsx). */}
          <PanelBoundary name="The controls">
            <ControlsPanel />
          </PanelBoundary>
          <Section title="Data" testId="section-data">
            <PanelBoundary name="The data panel">
              <DataPanel />
            </PanelBoundary>
          </Section>
          <Section title="Sweep" group="queue" testId="section-sweep">
            <PanelBoundary name="The sweep builder">
              <SweepBuilder />
            </PanelBoundary>
          </Section>
          <Section title="Share" group="share" testId="section-share">
            <PanelBoundary name="Share">
              <SharePanel />
            </PanelBoundary>
          </Section>
          <Section title="Saved runs" group="runs" testId="section-runs">
            <PanelBoundary name="Saved runs">
              <SavedRuns />
            </PanelBoundary>
          </Section>
          <Section title="Experiments to try" testId="section-presets">
            <PanelBoundary name="Experiments to try">
              <PresetsGallery />
            </PanelBoundary>
          </Section>
        </aside>
        <div className="layout__results">
          <PanelBoundary name="The linked runs">
            <LinkedRuns />
          </PanelBoundary>
          <PanelBoundary name="The queue">
            <QueuePanel />
          </PanelBoundary>
          <PanelBoundary name="The charts">
            <ChartsPanel />
          </PanelBoundary>
          <PanelBoundary name="The factor probes">
            <FactorProbes />
          </PanelBoundary>
          <PanelBoundary name="The probes by share of labels">
            <ProbeFractions />
          </PanelBoundary>
          <PanelBoundary name="The comparison">
            <CompareView />
          </PanelBoundary>
          <PanelBoundary name="The method's panel">
            <MethodPanel />
          </PanelBoundary>
          <PanelBoundary name="See inside">
            <InsidePanel />
          </PanelBoundary>
          <PanelBoundary name="How it works">
            <HowItWorks />
          </PanelBoundary>
          <div data-group="preview">
            <PanelBoundary name="The augmentation preview">
              <PreviewStrip />
            </PanelBoundary>
            <PanelBoundary name="The augmentation studio">
              <AugmentStudio />
            </PanelBoundary>
          </div>
        </div>
      </main>
    </div>
  );
}
