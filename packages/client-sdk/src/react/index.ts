/** @nhood/client-sdk/react: `<Inbox />` on top of the headless client. */
export { Inbox, type InboxProps } from "./inbox";
