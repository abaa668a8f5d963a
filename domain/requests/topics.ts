/**
 * Matters that 004:48 sends to the functional department first (按职能划分径送有关职能部门, the
 * heading still addressed to the government); its opinion goes up with the request.
 */
export const REQUEST_TOPICS = [
  // The finance bureau (财政局) is in every directory; the others (编办, 外办, …) are not always, so the request names them.
  { id: 'funding', zh: '财政经费', defaultDepartment: '财政' },
  { id: 'staffing', zh: '编制' },
  { id: 'trip-abroad', zh: '因公出访' },
  { id: 'fee-waiver', zh: '城市配套费减免' },
  { id: 'award', zh: '表彰奖励' },
] as const;

export type RequestTopic = (typeof REQUEST_TOPICS)[number]['id'];

export const REQUEST_TOPIC_IDS = REQUEST_TOPICS.map((t) => t.id) as [RequestTopic, ...RequestTopic[]];

export function topicName(topic: RequestTopic): string {
  return REQUEST_TOPICS.find((t) => t.id === topic)!.zh;
}

/** The department a topic goes to when the request names none: the unit whose name holds the hint. */
export function defaultFunctionalUnit<U extends { name: string }>(topic: RequestTopic, units: readonly U[]): U | undefined {
  const hint = REQUEST_TOPICS.find((t) => t.id === topic)!;
  return 'defaultDepartment' in hint ? units.find((u) => u.name.includes(hint.defaultDepartment)) : undefined;
}
