import type { BookingTravellerInput, SavedTraveller, TravellerDetails } from '../../shared/contract';
import { BookingTravellerInput as TravellerSchema } from '../../shared/contract';

/** What the agent types for one traveller; strings until checked. */
export interface TravellerDraft {
  savedTravellerId: number | null;
  givenNames: string;
  familyName: string;
  dateOfBirth: string;
  gender: '' | 'female' | 'male' | 'unspecified';
  knownTravellerNumber: string;
  passportNumber: string;
  passportCountry: string;
  passportExpiry: string;
  /** A saved traveller's passport, by its last four: kept as saved unless a number is typed. */
  savedPassport: string | null;
}

export const emptyTraveller: TravellerDraft = {
  savedTravellerId: null, givenNames: '', familyName: '', dateOfBirth: '', gender: '', knownTravellerNumber: '',
  passportNumber: '', passportCountry: '', passportExpiry: '', savedPassport: null,
};

export function draftOf(s: SavedTraveller): TravellerDraft {
  return {
    ...emptyTraveller, savedTravellerId: s.id, givenNames: s.givenNames, familyName: s.familyName, dateOfBirth: s.dateOfBirth, gender: s.gender ?? '',
    knownTravellerNumber: s.knownTravellerNumber ?? '', passportCountry: s.passport?.country ?? '', passportExpiry: s.passport?.expiry ?? '',
    savedPassport: s.passport ? `ending ${s.passport.last4}` : null,
  };
}

/** The details as the contract takes them, or the first problem in words (the field named as the screen labels it). */
export function travellerDetails(d: TravellerDraft): { details: TravellerDetails & { savedTravellerId?: number } } | { problem: string } {
  const keepSavedPassport = d.savedTravellerId !== null && d.savedPassport !== null && d.passportNumber.trim() === '';
  const passport = keepSavedPassport || d.passportNumber.trim() === ''
    ? (keepSavedPassport ? undefined : null)
    : { number: d.passportNumber, country: d.passportCountry, expiry: d.passportExpiry };
  const input = {
    givenNames: d.givenNames, familyName: d.familyName, dateOfBirth: d.dateOfBirth, gender: d.gender || null,
    knownTravellerNumber: d.knownTravellerNumber.trim() || null, passport,
    ...(d.savedTravellerId === null ? {} : { savedTravellerId: d.savedTravellerId }),
  };
  const parsed = TravellerSchema.safeParse(input);
  if (parsed.success) return { details: parsed.data };
  const issue = parsed.error.issues[0];
  const label: Record<string, string> = {
    givenNames: 'Given names', familyName: 'Family name', dateOfBirth: 'Date of birth', knownTravellerNumber: 'Known traveller number', passport: 'Passport',
  };
  return { problem: `${label[String(issue?.path[0])] ?? 'Traveller'}: ${issue?.message ?? 'check this field'}` };
}

export type TravellerInput = BookingTravellerInput;

/**
 * One traveller's fields, in the order they are read off an ID, each a labelled input so Tab
 * walks them; a saved traveller is picked from the list above them.
 */
export function TravellerFields({ legend, draft, onChange, saved = [] }: {
  legend: string; draft: TravellerDraft; onChange: (d: TravellerDraft) => void; saved?: SavedTraveller[];
}) {
  const set = (patch: Partial<TravellerDraft>) => onChange({ ...draft, ...patch });
  return (
    <fieldset className="traveller-fields">
      <legend>{legend}</legend>
      {saved.length > 0 && (
        <label className="field">
          <span>Saved traveller</span>
          <select aria-label={`Saved traveller for ${legend}`} value={draft.savedTravellerId ?? ''} onChange={(e) => {
            const pick = saved.find((s) => s.id === Number(e.target.value));
            onChange(pick ? draftOf(pick) : emptyTraveller);
          }}>
            <option value="">New traveller…</option>
            {saved.map((s) => <option key={s.id} value={s.id}>{s.givenNames} {s.familyName} ({s.dateOfBirth})</option>)}
          </select>
        </label>
      )}
      <div className="row">
        <label className="field grow"><span>Given names</span>
          <input name="givenNames" autoComplete="off" value={draft.givenNames} onChange={(e) => set({ givenNames: e.target.value })} /></label>
        <label className="field grow"><span>Family name</span>
          <input name="familyName" autoComplete="off" value={draft.familyName} onChange={(e) => set({ familyName: e.target.value })} /></label>
        <label className="field field-narrow"><span>Date of birth</span>
          <input name="dateOfBirth" type="date" value={draft.dateOfBirth} onChange={(e) => set({ dateOfBirth: e.target.value })} /></label>
        <label className="field field-narrow"><span>Gender</span>
          <select name="gender" value={draft.gender} onChange={(e) => set({ gender: e.target.value as TravellerDraft['gender'] })}>
            <option value="">Not given</option><option value="female">Female</option><option value="male">Male</option><option value="unspecified">Unspecified (X)</option>
          </select></label>
      </div>
      <div className="row">
        <label className="field field-narrow"><span>Known traveller number</span>
          <input name="knownTravellerNumber" autoComplete="off" value={draft.knownTravellerNumber} onChange={(e) => set({ knownTravellerNumber: e.target.value })} /></label>
        <label className="field field-narrow"><span>Passport number{draft.savedPassport ? ` (saved: ${draft.savedPassport})` : ''}</span>
          <input name="passportNumber" autoComplete="off" value={draft.passportNumber} onChange={(e) => set({ passportNumber: e.target.value })} /></label>
        <label className="field field-narrow"><span>Issuing country</span>
          <input name="passportCountry" autoComplete="off" maxLength={3} placeholder="USA" value={draft.passportCountry} onChange={(e) => set({ passportCountry: e.target.value })} /></label>
        <label className="field field-narrow"><span>Passport expiry</span>
          <input name="passportExpiry" type="date" value={draft.passportExpiry} onChange={(e) => set({ passportExpiry: e.target.value })} /></label>
      </div>
    </fieldset>
  );
}
