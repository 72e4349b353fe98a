import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { Actor } from '../common/auth/actor';
import type { Page } from '../common/pagination/pagination.dto';
import { DEFAULT_CALENDAR, monthsBetween, seasonCycleDates, type SeasonCalendar } from './domain/calendar';
import {
  MAX_SEASON_MONTHS,
  type CreateSeasonDto,
  type SeasonCycleDto,
  type SeasonDto,
  type SeasonGroupDto,
  type SeasonWithCyclesDto,
} from './dto/season.dto';
import { SeasonAccess } from './season-access';
import { SeasonsRepository, type NewSeason, type SeasonReferences } from './seasons.repository';

/** The first rule a new season breaks, as a message naming the field, or null. */
/** Days before a month locks that its members are reminded, unless the season says otherwise. */
export const DEFAULT_REMINDER_DAYS = 3;

export function seasonProblem(season: NewSeason, refs: SeasonReferences): string | null {
  const months = monthsBetween(season.firstMonth, season.lastMonth).length;
  if (months === 0) return 'lastMonth: must not be before firstMonth';
  if (months > MAX_SEASON_MONTHS) return `lastMonth: a season spans at most ${MAX_SEASON_MONTHS} months`;
  if (!refs.partnershipTerritoryIds) return 'partnershipId: no such partnership';
  if (season.producerTerritoryId === season.consumerTerritoryId)
    return 'consumerTerritoryId: must differ from producerTerritoryId';
  if (!refs.partnershipTerritoryIds.includes(season.producerTerritoryId)) {
    return 'producerTerritoryId: not one of the partnership’s territories';
  }
  if (!refs.partnershipTerritoryIds.includes(season.consumerTerritoryId) || !refs.consumerTimezone) {
    return 'consumerTerritoryId: not one of the partnership’s territories';
  }
  if (!refs.pickupPointTerritoryId) return 'pickupPointId: no such pickup point';
  if (refs.pickupPointTerritoryId !== season.producerTerritoryId) {
    return 'pickupPointId: the pickup point is not in the producer territory';
  }
  const missing = season.transportOrganiserIds.filter(
    (id) => !refs.existingTransportOrganiserIds.includes(id),
  );
  if (missing.length > 0) return `transportOrganiserIds: no such transport organiser: ${missing.join(', ')}`;
  return null;
}

@Injectable()
export class SeasonsService {
  constructor(
    private readonly seasons: SeasonsRepository,
    private readonly access: SeasonAccess,
  ) {}

  async create(dto: CreateSeasonDto): Promise<SeasonWithCyclesDto> {
    const calendar: SeasonCalendar = {
      lockDay: dto.calendar?.lockDay ?? DEFAULT_CALENDAR.lockDay,
      confirmationDays: dto.calendar?.confirmationDays ?? DEFAULT_CALENDAR.confirmationDays,
      loadingDay: dto.calendar?.loadingDay ?? DEFAULT_CALENDAR.loadingDay,
    };
    const season: NewSeason = {
      ...dto,
      calendar,
      reminderDays: dto.calendar?.reminderDays ?? DEFAULT_REMINDER_DAYS,
    };
    const refs = await this.seasons.references(season);
    const problem = seasonProblem(season, refs);
    if (problem) throw new BadRequestException(problem);
    const cycles = seasonCycleDates(season.firstMonth, season.lastMonth, refs.consumerTimezone!, calendar);
    const id = await this.seasons.create(season, cycles);
    return this.withCycles(id);
  }

  async get(actor: Actor, id: string): Promise<SeasonWithCyclesDto> {
    await this.access.readable(actor, id);
    return this.withCycles(id);
  }

  list(actor: Actor, limit: number, offset: number): Promise<Page<SeasonDto>> {
    return this.seasons.page(actor, limit, offset);
  }

  async cycles(actor: Actor, id: string): Promise<SeasonCycleDto[]> {
    await this.access.readable(actor, id);
    return this.seasons.cycles(id);
  }

  async enrol(seasonId: string, consumerGroupId: string): Promise<SeasonGroupDto> {
    const season = await this.access.existing(seasonId);
    const territory = await this.seasons.groupTerritory(consumerGroupId);
    if (!territory) throw new BadRequestException('consumerGroupId: no such consumer group');
    if (territory !== season.consumerTerritoryId) {
      throw new BadRequestException('consumerGroupId: the group is not in the season’s consumer territory');
    }
    const enrolled = await this.seasons.enrol(seasonId, consumerGroupId);
    if (!enrolled)
      throw new ConflictException('consumerGroupId: the group is already enrolled in this season');
    return enrolled;
  }

  async groups(seasonId: string, limit: number, offset: number): Promise<Page<SeasonGroupDto>> {
    await this.access.existing(seasonId);
    return this.seasons.groups(seasonId, limit, offset);
  }

  private async withCycles(id: string): Promise<SeasonWithCyclesDto> {
    const [season, cycles] = await Promise.all([this.seasons.findById(id), this.seasons.cycles(id)]);
    if (!season) throw new NotFoundException('season not found');
    return {
      ...season,
      cycles: cycles.map(({ id: cycleId, month, status, locksAt, confirmBy, loadingDate, timeZone }) => ({
        id: cycleId,
        month,
        status,
        locksAt,
        confirmBy,
        loadingDate,
        timeZone,
      })),
    };
  }
}
