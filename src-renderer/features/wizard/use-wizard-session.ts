// The wizard's session (valuation_sessions): opened on mount (resumed, or started), the in-memory
// drafts autosaved at most once a second, flushed and written into the valuation on "complete step".
// After a restart the same session is resumed, with its drafts and its current step.
//
// stepData holds one draft per step: { step1: {...}, step2: {...}, step3: {...} }. completeStep
// replaces a step's entry with the completed data (and writes valuations.stepN_data).
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../../src-shared/contract/client.ts';
import type { WizardSession } from '../../../src-shared/contract/entities.ts';
import { api } from '../../api/index.ts';
import { createAutosaver, type Autosaver, type AutosaveStatus } from '../../wizard/autosaver.ts';

export type StepData = Record<string, unknown>;
export type StepKey = 'step1' | 'step2' | 'step3' | 'step4' | 'step5';

interface SaveState {
  currentStep: number;
  stepData: StepData;
}

// One open per valuation at a time: React's StrictMode mounts twice, and two starts would make two sessions.
const opening = new Map<string, Promise<{ session: WizardSession; resumed: boolean }>>();

function openSession(valuationId: string): Promise<{ session: WizardSession; resumed: boolean }> {
  let pending = opening.get(valuationId);
  if (!pending) {
    pending = (async () => {
      const resumed = await api.call('wizard.resume', { valuationId });
      return resumed ? { session: resumed, resumed: true } : { session: await api.call('wizard.start', { valuationId }), resumed: false };
    })();
    opening.set(valuationId, pending);
    const done = () => void opening.delete(valuationId);
    pending.then(done, done);
  }
  return pending;
}

/** A session that can no longer take saves (expired, completed, gone) is replaced by a fresh one. */
const isStale = (error: unknown) => error instanceof ApiError && (error.code === 'LIFECYCLE' || error.code === 'NOT_FOUND');

export interface WizardSessionState {
  /** The session is open (or the wizard is read-only and needs none). */
  ready: boolean;
  session: WizardSession | null;
  stepData: StepData;
  saveStatus: AutosaveStatus;
  /** The step the session was at when it was opened, while the route shows another one. */
  resumeFrom: number | null;
  error: unknown;
  /** Replaces a step's draft (or derives it from the previous one) and schedules an autosave. */
  setStepDraft(key: StepKey, value: unknown | ((previous: unknown) => unknown)): void;
  completeStep(step: number, data: Record<string, unknown>): Promise<void>;
  dismissResume(): void;
  /** Saves whatever is unsaved now (before leaving the valuation). */
  flush(): Promise<void>;
}

export function useWizardSession({ valuationId, readOnly, step }: { valuationId: string; readOnly: boolean | null; step: number }): WizardSessionState {
  const [session, setSession] = useState<WizardSession | null>(null);
  const [ready, setReady] = useState(false);
  const [stepData, setStepData] = useState<StepData>({});
  const [saveStatus, setSaveStatus] = useState<AutosaveStatus>('saved');
  const [resumeFrom, setResumeFrom] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const sessionRef = useRef<WizardSession | null>(null);
  const stateRef = useRef<SaveState>({ currentStep: step, stepData: {} });
  const saverRef = useRef<Autosaver<SaveState> | null>(null);
  const stepRef = useRef(step);
  const openedAtStep = useRef<number | null>(null);
  stepRef.current = step;

  useEffect(() => {
    setReady(false);
    setSession(null);
    setError(null);
    setResumeFrom(null);
    sessionRef.current = null;
    openedAtStep.current = null;
    if (readOnly === null) return;
    if (readOnly) {
      setStepData({});
      setReady(true);
      return;
    }
    let live = true;

    const save = async (state: SaveState) => {
      const current = sessionRef.current;
      if (!current) return;
      const input = { currentStep: state.currentStep, stepData: state.stepData, wizardData: current.wizardData };
      try {
        sessionRef.current = await api.call('wizard.autosave', { id: current.id, ...input });
      } catch (e) {
        if (!isStale(e)) throw e;
        const fresh = await api.call('wizard.start', { valuationId });
        sessionRef.current = await api.call('wizard.autosave', { id: fresh.id, ...input });
      }
      if (live) setSession(sessionRef.current);
    };
    const saver = createAutosaver<SaveState>({ save, onStatus: (status) => live && setSaveStatus(status) });
    saverRef.current = saver;

    openSession(valuationId).then(
      ({ session: opened, resumed }) => {
        if (!live) return;
        sessionRef.current = opened;
        stateRef.current = { currentStep: opened.currentStep, stepData: opened.stepData };
        openedAtStep.current = stepRef.current;
        setSession(opened);
        setStepData(opened.stepData);
        // Only a resumed session has a place the user left off; a new one starts wherever the route is.
        setResumeFrom(resumed ? opened.currentStep : null);
        setSaveStatus('saved');
        setReady(true);
      },
      (e: unknown) => {
        if (!live) return;
        setError(e);
        setReady(true); // the wizard still shows the valuation's data; saving is off
      },
    );

    const leave = () => void saver.flush().catch(() => undefined);
    window.addEventListener('pagehide', leave);
    return () => {
      live = false;
      window.removeEventListener('pagehide', leave);
      leave();
      saver.dispose();
      if (saverRef.current === saver) saverRef.current = null;
    };
  }, [valuationId, readOnly]);

  // Moving to another step is saved (so a restart comes back here), but merely opening the wizard at a
  // step is not: the session keeps where the user left off and the banner offers to go back there.
  useEffect(() => {
    if (!ready || !sessionRef.current || openedAtStep.current === step) return;
    openedAtStep.current = -1;
    setResumeFrom(null);
    if (stateRef.current.currentStep !== step) {
      stateRef.current = { ...stateRef.current, currentStep: step };
      saverRef.current?.update(stateRef.current);
    }
  }, [ready, step]);

  const setStepDraft = useCallback((key: StepKey, value: unknown | ((previous: unknown) => unknown)) => {
    const previous = stateRef.current.stepData[key];
    const next = { ...stateRef.current.stepData, [key]: typeof value === 'function' ? (value as (previous: unknown) => unknown)(previous) : value };
    stateRef.current = { currentStep: stepRef.current, stepData: next };
    setStepData(next);
    if (sessionRef.current) saverRef.current?.update(stateRef.current);
  }, []);

  const completeStep = useCallback(
    async (completed: number, data: Record<string, unknown>) => {
      const saver = saverRef.current;
      if (!saver || !sessionRef.current) throw new Error('The wizard session is not open.');
      await saver.flush();
      let result: WizardSession;
      try {
        result = await api.call('wizard.completeStep', { id: sessionRef.current.id, step: completed, data });
      } catch (e) {
        if (!isStale(e)) throw e;
        const fresh = await api.call('wizard.start', { valuationId });
        sessionRef.current = await api.call('wizard.autosave', { id: fresh.id, ...stateRef.current, wizardData: fresh.wizardData });
        result = await api.call('wizard.completeStep', { id: fresh.id, step: completed, data });
      }
      sessionRef.current = result;
      // The core stored the completed data for this step; the other drafts stay as they are here.
      const next = { ...stateRef.current.stepData, [`step${completed}`]: data };
      stateRef.current = { currentStep: result.currentStep, stepData: next };
      setStepData(next);
      setSession(result);
    },
    [valuationId],
  );

  const dismissResume = useCallback(() => setResumeFrom(null), []);
  const flush = useCallback(async () => {
    await saverRef.current?.flush();
  }, []);

  return {
    ready,
    session,
    stepData,
    saveStatus,
    resumeFrom: resumeFrom !== null && resumeFrom !== step ? resumeFrom : null,
    error,
    setStepDraft,
    completeStep,
    dismissResume,
    flush,
  };
}
