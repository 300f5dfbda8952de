-- nh_resolve_api_key also answers an active key's expiry (`expires_at`, null when it has none),
-- so a process may keep a resolved key in memory for a short while but never past its expiry
-- (identity/principal.ts, decision 036). Otherwise as in 0019. Its result type changes, so it is
-- dropped and created again (in this migration's transaction: no caller sees it missing).
DROP FUNCTION IF EXISTS nh_resolve_api_key(text);
--> statement-breakpoint
CREATE FUNCTION nh_resolve_api_key(p_key_hash text)
RETURNS TABLE (api_key_id uuid, workspace_id uuid, scopes text[], state text, workspace_status text, workspace_deleted boolean, expires_at timestamptz)
LANGUAGE plpgsql VOLATILE AS $$
#variable_conflict use_column
DECLARE
  k api_keys%ROWTYPE;
  prev_lookup text := coalesce(current_setting('app.lookup_hash', true), '');
  prev_workspace text := coalesce(current_setting('app.workspace_id', true), '');
BEGIN
  PERFORM set_config('app.lookup_hash', p_key_hash, true);
  SELECT * INTO k FROM api_keys WHERE api_keys.key_hash = p_key_hash;
  IF FOUND THEN
    api_key_id := k.id;
    workspace_id := k.workspace_id;
    scopes := k.scopes;
    expires_at := k.expires_at;
    state := CASE WHEN k.revoked_at IS NOT NULL THEN 'revoked' WHEN k.expires_at < now() THEN 'expired' ELSE 'active' END;
    IF state = 'active' THEN
      PERFORM set_config('app.workspace_id', k.workspace_id::text, true);
      SELECT w.status::text, w.deleted_at IS NOT NULL INTO workspace_status, workspace_deleted FROM workspaces w WHERE w.id = k.workspace_id;
      IF k.last_used_at IS NULL OR k.last_used_at < now() - interval '1 minute' THEN
        UPDATE api_keys SET last_used_at = now()
         WHERE api_keys.id = k.id AND (api_keys.last_used_at IS NULL OR api_keys.last_used_at < now() - interval '1 minute');
      END IF;
    END IF;
  END IF;
  PERFORM set_config('app.lookup_hash', prev_lookup, true);
  PERFORM set_config('app.workspace_id', prev_workspace, true);
  IF k.id IS NOT NULL THEN RETURN NEXT; END IF;
END $$;
