/*!
 * interlink-link.js: opens the Interlink link flow from a tenant's page.
 *
 *   <script src="https://link.example.com/interlink-link.js"></script>
 *   button.onclick = () => Interlink.link({ linkToken: token, mode: 'modal' })
 *     .then(({ integrated_account_id, provider }) => save(integrated_account_id, provider))
 *     .catch((err) => console.log(err.type)); // 'closed' | 'expired' | 'failed' (err.code for 'failed')
 *
 * Popup mode must be called synchronously inside the click handler (browsers block late popups), so fetch
 * the link token before the click, not inside it.
 */
(function (global) {
  'use strict';

  var SOURCE = 'interlink-link';
  var script = document.currentScript;
  var scriptBase = script && script.src ? new URL('.', script.src).href : null;
  var active = null;

  function LinkError(type, message, code) {
    var error = new Error(message);
    error.name = 'InterlinkLinkError';
    error.type = type;
    if (code) error.code = code;
    return error;
  }

  function resolveBase(linkUiUrl) {
    var base = linkUiUrl || scriptBase;
    if (!base) throw LinkError('failed', 'Cannot tell where link-ui is: pass linkUiUrl.', 'SDK.NO_LINK_UI_URL');
    var url = new URL(base, global.location.href);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw LinkError('failed', 'linkUiUrl must be an http(s) URL.', 'SDK.BAD_LINK_UI_URL');
    }
    if (!/\/$/.test(url.pathname)) url.pathname += '/';
    return url;
  }

  function link(options) {
    options = options || {};
    var base, flowUrl;
    try {
      if (!options.linkToken || typeof options.linkToken !== 'string') {
        throw LinkError('failed', 'linkToken is required.', 'SDK.NO_LINK_TOKEN');
      }
      if (active) throw LinkError('failed', 'A link flow is already open.', 'SDK.ALREADY_OPEN');
      base = resolveBase(options.linkUiUrl);
      flowUrl = new URL('link', base);
      flowUrl.searchParams.set('link_token', options.linkToken);
    } catch (e) {
      return Promise.reject(e.type ? e : LinkError('failed', e.message, 'SDK.BAD_OPTIONS'));
    }
    var origin = base.origin;
    var mode = options.mode === 'popup' ? 'popup' : 'modal';
    var closeDelay = typeof options.closeDelayMs === 'number' ? options.closeDelayMs : 1200;

    // Everything up to window.open() runs synchronously, inside the caller's click handler.
    var ui = mode === 'popup' ? openPopup(flowUrl.href) : openModal(flowUrl.href);
    if (!ui) {
      return Promise.reject(LinkError('failed', 'The popup was blocked by the browser.', 'SDK.POPUP_BLOCKED'));
    }

    return new Promise(function (resolve, reject) {
      var settled = false;
      var state = { ui: ui, teardown: teardown };
      active = state;

      function settle(fn, value) {
        if (settled) return;
        settled = true;
        fn(value);
      }

      function onMessage(event) {
        // Only link-ui, only from the window we opened, only our envelope.
        if (event.origin !== origin || event.source !== ui.window()) return;
        var data = event.data;
        if (!data || typeof data !== 'object' || data.source !== SOURCE) return;
        switch (data.type) {
          case 'success':
            settle(resolve, { integrated_account_id: data.integrated_account_id, provider: data.provider });
            global.setTimeout(teardown, closeDelay); // let the user see the success screen for a moment
            break;
          case 'expired':
            settle(reject, LinkError('expired', 'The link token has expired.'));
            break; // stays open: the page explains what to do, the user closes it
          case 'failed':
            settle(reject, LinkError('failed', 'The link flow failed.', data.code));
            break;
          case 'closed':
            settle(reject, LinkError('closed', 'The user closed the link flow.'));
            teardown();
            break;
        }
      }

      function onUserClosed() {
        settle(reject, LinkError('closed', 'The user closed the link flow.'));
        teardown();
      }

      function teardown() {
        if (state.done) return;
        state.done = true;
        global.removeEventListener('message', onMessage);
        ui.close();
        if (active === state) active = null;
        settle(reject, LinkError('closed', 'The link flow was closed.'));
      }

      global.addEventListener('message', onMessage);
      ui.watch(onUserClosed);
    });
  }

  function openPopup(url) {
    var width = 480, height = 720;
    var left = Math.max(0, (global.screenX || 0) + ((global.outerWidth || width) - width) / 2);
    var top = Math.max(0, (global.screenY || 0) + ((global.outerHeight || height) - height) / 2);
    // No 'noopener': the flow answers through window.opener.
    var popup = global.open(url, 'interlink-link',
      'popup=yes,width=' + width + ',height=' + height + ',left=' + Math.round(left) + ',top=' + Math.round(top));
    if (!popup) return null;
    try { popup.focus(); } catch (e) { /* ignore */ }
    var timer = null;
    return {
      window: function () { return popup; },
      watch: function (onClosed) {
        timer = global.setInterval(function () {
          if (popup.closed) { global.clearInterval(timer); onClosed(); }
        }, 400);
      },
      close: function () {
        if (timer) global.clearInterval(timer);
        try { if (!popup.closed) popup.close(); } catch (e) { /* ignore */ }
      }
    };
  }

  function openModal(url) {
    var doc = global.document;
    var previousFocus = doc.activeElement;
    var previousOverflow = doc.documentElement.style.overflow;

    var overlay = doc.createElement('div');
    overlay.setAttribute('role', 'dialog');
    overlay.setAttribute('aria-modal', 'true');
    overlay.setAttribute('aria-label', 'Connect your account');
    overlay.style.cssText = 'position:fixed;inset:0;z-index:2147483647;display:flex;align-items:center;' +
      'justify-content:center;background:rgba(17,24,39,.55);padding:16px;box-sizing:border-box;';

    var frame = doc.createElement('iframe');
    frame.src = url;
    frame.title = 'Connect your account';
    frame.setAttribute('referrerpolicy', 'no-referrer');
    frame.style.cssText = 'width:440px;max-width:100%;height:680px;max-height:100%;border:0;border-radius:16px;' +
      'background:#fff;box-shadow:0 24px 64px rgba(0,0,0,.3);';
    overlay.appendChild(frame);

    // Our own close button, outside the iframe: it works even when the frame cannot load (e.g. a link
    // token that is unknown, so link-ui refuses to be framed) and focus never got into the flow.
    var closeButton = doc.createElement('button');
    closeButton.type = 'button';
    closeButton.setAttribute('aria-label', 'Close');
    closeButton.textContent = '\u00d7';
    closeButton.style.cssText = 'position:absolute;top:12px;right:12px;width:36px;height:36px;border-radius:50%;' +
      'border:0;background:rgba(255,255,255,.92);color:#1f2430;font:24px/36px sans-serif;cursor:pointer;' +
      'box-shadow:0 2px 8px rgba(0,0,0,.25);padding:0;';
    closeButton.addEventListener('click', function () { handlers.closed(); });
    overlay.appendChild(closeButton);

    // Escape while focus is still on the tenant page (inside the iframe, link-ui forwards Escape as 'closed').
    var onKey = function (e) { if (e.key === 'Escape') { e.preventDefault(); handlers.closed(); } };
    // Keep keyboard focus in the dialog: the iframe is its only focusable element.
    var onFocusIn = function (e) { if (!overlay.contains(e.target)) frame.focus(); };
    // (the iframe and our close button are the dialog's only focusable elements)
    var handlers = { closed: function () {} };

    // No close on backdrop click: a stray click must not throw away what the user typed.
    doc.addEventListener('keydown', onKey, true);
    doc.addEventListener('focusin', onFocusIn, true);
    doc.documentElement.style.overflow = 'hidden';
    doc.body.appendChild(overlay);
    frame.addEventListener('load', function () { frame.focus(); });
    frame.focus();

    return {
      window: function () { return frame.contentWindow; },
      watch: function (onClosed) { handlers.closed = onClosed; },
      close: function () {
        doc.removeEventListener('keydown', onKey, true);
        doc.removeEventListener('focusin', onFocusIn, true);
        if (overlay.parentNode) overlay.parentNode.removeChild(overlay);
        doc.documentElement.style.overflow = previousOverflow;
        if (previousFocus && typeof previousFocus.focus === 'function') {
          try { previousFocus.focus(); } catch (e) { /* ignore */ }
        }
      }
    };
  }

  global.Interlink = Object.freeze({ link: link, version: '1.0.0' });
})(window);
