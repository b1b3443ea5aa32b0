import { render } from 'preact';
import { Panel } from './Panel';
import { boundTabId } from './console-link';

boundTabId().then((tabId) => render(<Panel tabId={tabId} />, document.getElementById('app')!));
