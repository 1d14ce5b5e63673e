import type { Address } from '../api/types.ts';

/** `Name <addr>` or just the address; text only, never markup. */
export function formatAddress(address: Address | null | undefined): string {
  if (!address) return '';
  const name = address.Name.trim();
  if (name && address.Address) return `${name} <${address.Address}>`;
  return name || address.Address;
}

/** What a list row shows for a sender: the name when there is one. */
export function senderLabel(address: Address | null | undefined): string {
  if (!address) return '(no sender)';
  return address.Name.trim() || address.Address || '(no sender)';
}

export function formatAddresses(addresses: Address[] | null | undefined): string {
  return (addresses ?? []).map(formatAddress).join(', ');
}
