import { useState } from 'react';
import { formatStationTime } from '../../../../electron/contract/domain/time';
import { vi } from '../../../../electron/contract/messages.vi';
import { IdleMinutes, type StationSettings } from '../../../../electron/contract/schemas';
import { TextField } from '../../components/Field';
import { call, useStation } from '../../lib/api';
import { useSaved } from './use-saved';

// The settings tab (issue 11.2): what every desk shares, changed here; this machine's own paths, shown.

export function SettingsPanel() {
  const settings = useStation('admin:settings', {}).data;
  if (!settings) return <p className="loading">{vi.app.loading}</p>;
  return <SettingsForm initial={settings} />;
}

function SettingsForm(props: { initial: StationSettings }) {
  const s = vi.admin.settings;
  const [minutes, setMinutes] = useState(String(props.initial.idleMinutes));
  const saved = useSaved();
  const save = () => saved.run(async () => {
    const checked = IdleMinutes.safeParse(Number(minutes.trim() || 'x'));
    if (!checked.success) throw new Error(s.badIdle);
    await call('admin:saveSettings', { idleMinutes: checked.data });
  });
  const d = props.initial.desk;
  const b = props.initial.backup;
  return (
    <div className="admin-settings">
      <h2>{s.heading}</h2>
      <form aria-label={s.heading} onSubmit={(e) => { e.preventDefault(); void save(); }}>
        <TextField label={s.idleMinutes} value={minutes} onChange={setMinutes} inputMode="numeric" />
        {saved.notice}
        <button type="submit" className="primary">{s.save}</button>
      </form>
      <h3>{s.deskHeading}</h3>
      <p className="muted">{s.deskHint}</p>
      <dl className="facts">
        <dt>{s.dataDir}</dt><dd><code>{d.dataDir}</code></dd>
        <dt>{s.evidenceDir}</dt><dd><code>{d.evidenceDir}</code></dd>
        <dt>{s.ffmpeg}</dt><dd><code>{d.ffmpeg}</code></dd>
        <dt>{s.ffprobe}</dt><dd><code>{d.ffprobe}</code></dd>
      </dl>
      <h3>{s.backupHeading}</h3>
      <dl className="facts">
        <dt>{s.backupDir}</dt><dd>{b.dir === null ? s.backupNone : <><code>{b.dir}</code> {s.backupEvery(b.everyHours ?? 24)}</>}</dd>
        <dt>{s.backupLast}</dt>
        <dd>{b.last === null ? s.backupNever : b.last.ok
          ? s.backupOk(formatStationTime(b.last.at), b.last.unreadable ?? 0)
          : <span role="alert">{s.backupFailed(formatStationTime(b.last.at), b.last.error ?? '')}</span>}</dd>
      </dl>
    </div>
  );
}
