import { Dialog } from './Dialog';

export interface CheckedImport {
  imported: boolean;
  rows: number;
  invalid: Array<{ line: number; reason: string }>;
  /** Rows imported as given but worth a look, by line. */
  warnings?: Array<{ line: number; message: string }>;
}

/**
 * What a checked import did: the counts when it was written, or every invalid row by line when
 * nothing was, with the choice to import just the valid rows.
 */
export function ImportReport({
  title,
  fileName,
  result,
  counts,
  onImportValid,
  onClose,
}: {
  title: string;
  fileName: string;
  result: CheckedImport;
  counts: string;
  onImportValid: () => void;
  onClose: () => void;
}) {
  const valid = result.rows - result.invalid.length;
  return (
    <Dialog title={title} onClose={onClose}>
      {result.imported ? (
        <p className="ok-text">
          {fileName}: {counts}.{result.invalid.length > 0 && ` ${result.invalid.length} invalid rows were skipped.`}
        </p>
      ) : (
        <p className="error-text">
          {fileName}: nothing imported: {result.invalid.length} of {result.rows} rows are invalid.
        </p>
      )}
      {result.invalid.length > 0 && (
        <ul className="invalid-rows" aria-label="Invalid rows">
          {result.invalid.slice(0, 200).map((row) => (
            <li key={row.line}>
              Line {row.line}: {row.reason}
            </li>
          ))}
          {result.invalid.length > 200 && <li>…and {result.invalid.length - 200} more</li>}
        </ul>
      )}
      {(result.warnings?.length ?? 0) > 0 && (
        <div className="warning-text">
          <p>
            Check {result.warnings?.length === 1 ? 'this row' : `these ${result.warnings?.length} rows`}: {result.imported ? 'imported as given' : 'they will be imported as given'}
            , but the flag contradicts the figures.
          </p>
          <ul className="invalid-rows" aria-label="Rows to check">
            {result.warnings?.slice(0, 200).map((w) => (
              <li key={w.line}>
                Line {w.line}: {w.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="dialog-actions">
        {!result.imported && valid > 0 && <button onClick={onImportValid}>Import the {valid} valid rows</button>}
        <button className="primary" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
