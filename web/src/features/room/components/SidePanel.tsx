import { X } from 'lucide-react';
import { Button, Tab, TabList, TabPanel, Tabs } from 'react-aria-components';
import { useShallow } from 'zustand/react/shallow';
import { useI18n } from '../../../i18n';
import { useRoomUi, type PanelTab } from '../state/roomUi';
import { ChatPanel } from './ChatPanel';
import { PeoplePanel } from './PeoplePanel';

/** Chat and People as tabs; a full-width overlay on narrow screens (room.css). */
export function SidePanel() {
  const { t } = useI18n();
  const { panel, openPanel, closePanel } = useRoomUi(
    useShallow((s) => ({ panel: s.panel, openPanel: s.openPanel, closePanel: s.closePanel })),
  );
  if (panel === null) return null;
  return (
    <aside className="side-panel" aria-label={t('room.panel')}>
      <Tabs
        className="side-panel__tabs"
        selectedKey={panel}
        onSelectionChange={(key) => {
          if (key === 'chat' || key === 'people') openPanel(key as PanelTab);
        }}
      >
        <div className="side-panel__head">
          <TabList aria-label={t('room.panel')} className="tab-list">
            <Tab id="chat" className="tab">
              {t('room.chat')}
            </Tab>
            <Tab id="people" className="tab">
              {t('room.people')}
            </Tab>
          </TabList>
          <Button className="icon-button" aria-label={t('room.panel.close')} onPress={closePanel}>
            <X aria-hidden="true" size={20} />
          </Button>
        </div>
        <TabPanel id="chat" className="side-panel__body side-panel__body--chat">
          <ChatPanel visible={panel === 'chat'} />
        </TabPanel>
        <TabPanel id="people" className="side-panel__body">
          <PeoplePanel />
        </TabPanel>
      </Tabs>
    </aside>
  );
}
