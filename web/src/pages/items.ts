import { useEffect, useState } from 'react';
import { api, stream } from '../api';

/** A dispatched warning as the dispatch API sends it. */
export interface Item {
  warningId: string;
  person: string;
  level: 1 | 2 | 3;
  fraudType: string;
  score: number;
  station: string | null;
  district: string | null;
  status: string;
  claimedBy: string | null;
  late: boolean;
  phoneDue: string | null;
  visitDue: string | null;
  outcome: string | null;
  createdAt: string;
}

/** The caller's dispatch queue, kept up to date from the live stream; `live` says whether the stream is open. */
export function useLiveItems(): { items: Item[]; live: boolean; replace: (item: Item) => void } {
  const [items, setItems] = useState<Item[]>([]);
  const [live, setLive] = useState(false);
  const replace = (item: Item) => setItems((list) => [item, ...list.filter((i) => i.warningId !== item.warningId)]);
  useEffect(() => {
    const abort = new AbortController();
    void api<{ items: Item[] }>('/api/v1/dispatch/items?status=active&limit=500').then((r) => setItems((now) => [...now, ...r.items.filter((i) => !now.some((n) => n.warningId === i.warningId))]));
    void stream(
      '/api/v1/dispatch/stream',
      (type, data) => {
        if (type === 'item') replace((data as { item: Item }).item);
      },
      abort.signal,
      () => setLive(true),
    );
    return () => abort.abort();
  }, []);
  return { items, live, replace };
}

/** Most urgent first: level, then the earliest deadline. */
export function byUrgency(a: Item, b: Item): number {
  const due = (i: Item) => Date.parse(i.visitDue ?? i.phoneDue ?? '9999-12-31');
  return a.level - b.level || due(a) - due(b);
}

export const isToday = (iso: string): boolean => new Date(iso).toDateString() === new Date().toDateString();
