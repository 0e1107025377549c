#!/usr/bin/env python3
"""Screenshots of a handoff's input in the Temporal UI, with and without the ops token.

Drives headless Chromium over the DevTools protocol (the workflow page long-polls, so a plain
--screenshot never settles). The UI calls the API's codec endpoint from the browser; the UI itself
cannot hold our bearer token, so the "operator" run adds `Authorization: Bearer <ops token>` to the
codec requests through DevTools' Fetch domain, standing in for the authenticating proxy an operator
would sit behind. The "anyone else" run sends no token: the codec answers 401 and the UI shows the
encrypted payload.

    python3 deploy/ui-codec-screenshot.py --workflow-id whatsapp-handoff-demo-session-1 \
        --ui http://127.0.0.1:8233 --token dev-ops-token-000001 --out docs/ui-codec-decoded.png
Needs: chromium, python3 -m pip install websocket-client.
"""
import argparse, base64, json, os, subprocess, tempfile, time, urllib.request
import websocket


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--workflow-id", required=True)
    p.add_argument("--ui", default="http://127.0.0.1:8233")
    p.add_argument("--namespace", default="default")
    p.add_argument("--token", help="ops token; omit to show what others see")
    p.add_argument("--out", required=True)
    p.add_argument("--port", type=int, default=9333)
    a = p.parse_args()
    profile = tempfile.mkdtemp()
    chrome = subprocess.Popen(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         f"--remote-debugging-port={a.port}", f"--user-data-dir={profile}", "--window-size=1500,1300",
         "about:blank"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        target = None
        for _ in range(50):
            try:
                targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{a.port}/json"))
                target = next(t for t in targets if t["type"] == "page")
                break
            except Exception:
                time.sleep(0.2)
        ws = websocket.create_connection(target["webSocketDebuggerUrl"], timeout=30)
        ids = iter(range(1, 10**6))

        def send(method, **params):
            i = next(ids)
            ws.send(json.dumps({"id": i, "method": method, "params": params}))
            return i

        def call(method, **params):
            i = send(method, **params)
            while True:
                m = json.loads(ws.recv())
                if m.get("id") == i:
                    return m.get("result", {})
                handle(m)

        def handle(m):
            if m.get("method") == "Fetch.requestPaused":
                req = m["params"]
                headers = [{"name": k, "value": v} for k, v in req["request"]["headers"].items()]
                if a.token and req["request"]["method"] != "OPTIONS":
                    headers.append({"name": "Authorization", "value": "Bearer " + a.token})
                send("Fetch.continueRequest", requestId=req["requestId"], headers=headers)

        call("Page.enable")
        call("Fetch.enable", patterns=[{"urlPattern": "*/codec/*", "requestStage": "Request"}])
        url = f"{a.ui}/namespaces/{a.namespace}/workflows/{a.workflow_id}"
        call("Page.navigate", url=url)
        deadline = time.time() + 25
        ws.settimeout(0.5)
        while time.time() < deadline:  # let the page load and the codec calls run
            try:
                handle(json.loads(ws.recv()))
            except websocket.WebSocketTimeoutException:
                pass
        ws.settimeout(30)
        shot = call("Page.captureScreenshot", format="png", captureBeyondViewport=False)
        with open(a.out, "wb") as f:
            f.write(base64.b64decode(shot["data"]))
        print("wrote", a.out)
    finally:
        chrome.terminate()


if __name__ == "__main__":
    main()
