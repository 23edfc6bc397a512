import type { ReactNode } from 'react';
import { Table } from 'react-aria-components';
import { describeError } from '../api/client';
import { Alert } from './alert';
import { Loading } from './page';

interface DataTableProps {
  /** The API resource shown: a loading message until it arrives, its error above the table. */
  list: { data: unknown; error: unknown };
  'aria-label': string;
  /** The table's TableHeader and TableBody. */
  children: ReactNode;
}

/** A list page's table (react-aria-components): error, loading message, then the table in its scroll box. */
export function DataTable({ list, children, 'aria-label': label }: DataTableProps) {
  return (
    <>
      {list.error ? <Alert tone="error">{describeError(list.error)}</Alert> : null}
      {!list.data && !list.error ? (
        <Loading />
      ) : (
        <div className="table-scroll">
          <Table aria-label={label} className="table">
            {children}
          </Table>
        </div>
      )}
    </>
  );
}
