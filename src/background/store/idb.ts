/**
 * A very small promise layer over IndexedDB. Transactions stay alive across `await` of IDB
 * requests (they resolve in microtasks), but never await anything else inside one: the
 * transaction would commit under our feet.
 */

/** Resolves with a request's result, rejects with its error. */
export function requestToPromise<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

/** Resolves when the transaction commits; rejects when it aborts or fails. */
export function transactionDone(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
  });
}

/**
 * Runs `body` in one transaction and resolves with its result once the transaction has
 * committed. If `body` throws, the transaction is aborted: nothing it wrote is kept.
 */
export async function inTransaction<T>(
  db: IDBDatabase,
  stores: string[],
  mode: IDBTransactionMode,
  body: (tx: IDBTransaction) => Promise<T>,
): Promise<T> {
  const tx = db.transaction(stores, mode);
  const done = transactionDone(tx);
  let result: T;
  try {
    result = await body(tx);
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already finished or aborted: the original error is what matters.
    }
    done.catch(() => undefined);
    throw error;
  }
  await done;
  return result;
}

/** Every value of a cursor over `source` (a store or an index) within `range`. */
export async function collect<T>(
  source: IDBObjectStore | IDBIndex,
  range?: IDBKeyRange | IDBValidKey,
  direction: IDBCursorDirection = 'next',
): Promise<T[]> {
  const values: T[] = [];
  await new Promise<void>((resolve, reject) => {
    const request = source.openCursor(range, direction);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB cursor failed'));
    request.onsuccess = () => {
      const cursor = request.result;
      if (!cursor) return resolve();
      values.push(cursor.value as T);
      cursor.continue();
    };
  });
  return values;
}

/** Deletes every record of `source` within `range`; answers how many were deleted. */
export async function deleteRange(
  source: IDBObjectStore | IDBIndex,
  range: IDBKeyRange | IDBValidKey,
): Promise<number> {
  let count = 0;
  await new Promise<void>((resolve, reject) => {
    const request = source.openCursor(range);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB cursor failed'));
    request.onsuccess = () => {
      const cursor = request.result;
      if (!cursor) return resolve();
      cursor.delete();
      count += 1;
      cursor.continue();
    };
  });
  return count;
}
