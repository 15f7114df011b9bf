// The OAuth popup lands here when it lost window.opener (platform-api's callback page sends the outcome in the
// fragment): re-broadcast it to the link page on this origin, then close. The link page double-checks a success
// with platform-api before it believes it.
(function () {
  try {
    var data = JSON.parse(decodeURIComponent(window.location.hash.slice(1)));
    if (data && data.type === 'interlink:oauth') {
      var channel = new BroadcastChannel('interlink-oauth');
      channel.postMessage(data);
      channel.close();
    }
  } catch (e) { /* nothing to relay */ }
  try { history.replaceState(null, '', window.location.pathname); } catch (e) { /* ignore */ }
  setTimeout(function () { window.close(); }, 150);
})();
