import { useState } from 'react';
import type { ExperimentConfig } from '../../core/config/schema';
import { exportProblems } from '../../core/export/emit';
import { downloadText } from './download';
import { exportPytorchZip } from './pytorchExport';

/**
 * "Export as PyTorch": the experiment as a project that trains with `python train.py` or `torchrun`
 * (src/core/export). For a method the export does not carry, the button is off and says why.
 */
export function ExportPytorch({ config, link }: { config: ExperimentConfig; link: () => string }) {
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const problems = exportProblems(config);
  const run = async () => {
    setBusy(true);
    try {
      const r = await exportPytorchZip(config, link());
      if (r.ok) downloadText(r.name, r.zip as Uint8Array<ArrayBuffer>, 'application/zip');
      setErrors(r.ok ? [] : r.errors);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="button" data-testid="export-pytorch" disabled={busy || problems.length > 0} title={problems.join(' ') || 'A PyTorch project (train.py, torchrun-ready) for this experiment, as a zip'} onClick={run}>
        Export as PyTorch
      </button>
      {[...problems, ...errors].length > 0 && (
        <small className="share__export-problems" data-testid="export-pytorch-problems" role="status">
          {[...problems, ...errors].join(' ')}
        </small>
      )}
    </>
  );
}
