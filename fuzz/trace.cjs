// Preloaded into a Kent process by the tests (`node --require fuzz/trace.cjs bin/...`), or
// installed in-process with `install()`:
//
// - every way Node opens a network connection or starts a process (net, tls, http, https, http2,
//   dns, dgram, fetch, child_process) is replaced by one that records the attempt and throws;
// - every file or folder opened through `fs` (open, read, readdir, streams, and every write) is
//   recorded.
//
// As a preload, records go to the files named by KENT_NETWORK_LOG and KENT_FS_LOG, one a line
// (`kind path`); the test reads them when the process is done. Kent never needs the network or
// a child process, so any network record is a failure.
'use strict';
const fs = require('node:fs');

const original = {
  appendFileSync: fs.appendFileSync,
  realpathSync: fs.realpathSync,
};

/**
 * Patch this process. `onNetwork(what, detail)` and `onFile(kind, path)` receive each attempt;
 * returns a function that undoes every patch.
 */
function install(onNetwork, onFile) {
  const undo = [];
  const patch = (obj, name, make) => {
    if (!obj || typeof obj[name] !== 'function') return;
    const orig = obj[name];
    obj[name] = make(orig);
    undo.push(() => (obj[name] = orig));
  };
  const block = (what) => (orig) =>
    function blocked(...args) {
      let detail = '';
      try {
        detail = JSON.stringify(args.filter((a) => typeof a !== 'function')).slice(0, 300);
      } catch {
        detail = String(args[0]);
      }
      onNetwork(what, detail);
      throw new Error(`Kent must not use the network or start processes: ${what} was called`);
    };

  const net = require('node:net');
  patch(net.Socket.prototype, 'connect', block('net.Socket.connect'));
  patch(net, 'connect', block('net.connect'));
  patch(net, 'createConnection', block('net.createConnection'));
  const tls = require('node:tls');
  patch(tls, 'connect', block('tls.connect'));
  for (const mod of ['node:http', 'node:https']) {
    const m = require(mod);
    patch(m, 'request', block(`${mod}.request`));
    patch(m, 'get', block(`${mod}.get`));
  }
  patch(require('node:http2'), 'connect', block('http2.connect'));
  const dns = require('node:dns');
  for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny']) patch(dns, name, block(`dns.${name}`));
  patch(dns.promises, 'lookup', block('dns.promises.lookup'));
  patch(require('node:dgram'), 'createSocket', block('dgram.createSocket'));
  const cp = require('node:child_process');
  for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) patch(cp, name, block(`child_process.${name}`));
  if (typeof globalThis.fetch === 'function') patch(globalThis, 'fetch', block('fetch'));

  const seen = (kind) => (orig) =>
    function traced(p, ...rest) {
      if (typeof p === 'string' || Buffer.isBuffer(p) || p instanceof URL) onFile(kind, String(p instanceof URL ? p.pathname : p));
      return orig.call(this, p, ...rest);
    };
  for (const name of ['readFileSync', 'readdirSync', 'opendirSync', 'createReadStream', 'open', 'readFile', 'readdir', 'opendir']) patch(fs, name, seen(`read:${name}`));
  for (const name of ['readFile', 'open', 'readdir', 'opendir']) patch(fs.promises, name, seen(`read:promises.${name}`));
  for (const name of ['writeFileSync', 'appendFileSync', 'mkdirSync', 'rmSync', 'rmdirSync', 'unlinkSync', 'renameSync', 'copyFileSync', 'symlinkSync', 'truncateSync', 'utimesSync', 'chmodSync', 'createWriteStream', 'writeFile', 'appendFile', 'mkdir', 'rm', 'unlink', 'rename']) {
    patch(fs, name, seen(`write:${name}`));
  }
  for (const name of ['writeFile', 'appendFile', 'mkdir', 'rm', 'unlink', 'rename']) patch(fs.promises, name, seen(`write:promises.${name}`));
  // openSync with a writing flag is a write; a read with O_NOFOLLOW opens the path itself, never
  // what a link there points to (`locationOf`).
  const openSync = fs.openSync;
  const { O_WRONLY, O_RDWR, O_CREAT, O_TRUNC, O_APPEND, O_NOFOLLOW } = fs.constants;
  fs.openSync = function (p, flags, ...rest) {
    const writes = typeof flags === 'string' ? /[wa+]/.test(flags) : typeof flags === 'number' && (flags & (O_WRONLY | O_RDWR | O_CREAT | O_TRUNC | O_APPEND)) !== 0;
    const noFollow = typeof flags === 'number' && O_NOFOLLOW !== undefined && (flags & O_NOFOLLOW) !== 0;
    if (typeof p === 'string' || Buffer.isBuffer(p) || p instanceof URL) onFile(writes ? 'write:openSync' : noFollow ? 'read:openSync:nofollow' : 'read:openSync', String(p instanceof URL ? p.pathname : p));
    return openSync.call(this, p, flags, ...rest);
  };
  undo.push(() => (fs.openSync = openSync));
  return () => {
    for (const u of undo.reverse()) u();
  };
}

/** The real location of a path (through links), or of its nearest existing parent. */
function realLocation(p) {
  const path = require('node:path');
  let probe = path.resolve(p);
  const rest = [];
  for (;;) {
    try {
      return path.join(original.realpathSync(probe), ...rest.reverse());
    } catch {
      const parent = path.dirname(probe);
      if (parent === probe) return path.resolve(p);
      rest.push(path.basename(probe));
      probe = parent;
    }
  }
}

/** Where a traced access lands: the real location, except that an O_NOFOLLOW open resolves the folder only, not a link at the path itself. */
function locationOf(kind, p) {
  const path = require('node:path');
  return kind.endsWith(':nofollow') ? path.join(realLocation(path.dirname(p)), path.basename(p)) : realLocation(p);
}

module.exports = { install, realLocation, locationOf };

// As a preload: log to the files the environment names.
if (require.main !== module && (process.env.KENT_NETWORK_LOG || process.env.KENT_FS_LOG)) {
  const netLog = process.env.KENT_NETWORK_LOG;
  const fsLog = process.env.KENT_FS_LOG;
  let busy = false;
  const write = (file, line) => {
    if (!file || busy) return;
    busy = true;
    try {
      original.appendFileSync(file, line + '\n');
    } finally {
      busy = false;
    }
  };
  install(
    (what, detail) => write(netLog, `${what} ${detail}`),
    (kind, p) => {
      if (p === fsLog || p === netLog) return;
      write(fsLog, `${kind} ${p}`);
    },
  );
}
