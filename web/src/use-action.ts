import { useState } from 'react';
import { errorText } from './api';

/**
 * What a page does on the user's behalf (a load, a click, a form): `act` clears the last error, runs the action and
 * shows its failure as `error`; it answers whether the action succeeded.
 */
export function useAction(): { error: string | null; act: (action: () => Promise<unknown>) => Promise<boolean> } {
  const [error, setError] = useState<string | null>(null);
  const act = async (action: () => Promise<unknown>): Promise<boolean> => {
    setError(null);
    try {
      await action();
      return true;
    } catch (err) {
      setError(errorText(err));
      return false;
    }
  };
  return { error, act };
}
